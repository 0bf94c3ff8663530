package dev.rr.common.schema;

import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The one rule for the source database's time zone offset, used by the writer and by
 * {@code rr verify}: an offset given as an option wins; else the schema mapping's (the session
 * file's {@code TimezoneOffset}); else UTC.
 */
public final class SourceTimezone {
  private SourceTimezone() {}

  /** The offset for {@code option} (the {@code sourceDbTimezoneOffset} option, if given) and {@code mapping}. */
  public static ZoneOffset resolve(Optional<ZoneOffset> option, SchemaMapping mapping) {
    return resolve(option, mapping.sourceTimezone());
  }

  /** The offset for {@code option} and {@code session} (the session file's, if any). */
  public static ZoneOffset resolve(Optional<ZoneOffset> option, Optional<ZoneOffset> session) {
    return option.or(() -> session).orElse(ZoneOffset.UTC);
  }
}
