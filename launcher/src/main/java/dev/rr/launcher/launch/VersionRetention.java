package dev.rr.launcher.launch;

import com.google.cloud.spanner.DatabaseClient;
import com.google.cloud.spanner.Dialect;
import com.google.cloud.spanner.ResultSet;
import com.google.cloud.spanner.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a snapshot at T can finish inside the database's {@code version_retention_period}:
 * Spanner keeps old versions of rows only that long, so a read at T fails (or, resumed later,
 * cannot run at all) once T is older than the retention.
 */
public final class VersionRetention {
  /** Spanner's default when the option is not set. */
  public static final Duration DEFAULT = Duration.ofHours(1);

  /** Rows per second assumed for the estimate when none is given: a conservative single shard. */
  public static final double DEFAULT_ROWS_PER_SECOND = 2_000;

  private static final String GOOGLESQL = "SELECT OPTION_VALUE FROM INFORMATION_SCHEMA.DATABASE_OPTIONS"
      + " WHERE OPTION_NAME = 'version_retention_period'";
  private static final String POSTGRESQL = "SELECT option_value FROM information_schema.database_options"
      + " WHERE option_name = 'version_retention_period'";
  private static final Pattern PERIOD = Pattern.compile("(\\d+)\\s*([smhd])");

  private VersionRetention() {}

  /** The database's version retention period ({@link #DEFAULT} when the option is unset). */
  public static Duration read(DatabaseClient client) {
    String sql = client.getDialect() == Dialect.POSTGRESQL ? POSTGRESQL : GOOGLESQL;
    try (ResultSet rows = client.singleUse().executeQuery(Statement.of(sql))) {
      return rows.next() && !rows.isNull(0) ? parse(rows.getString(0)) : DEFAULT;
    }
  }

  /** A period as Spanner spells it: {@code 3600s}, {@code 90m}, {@code 1h}, {@code 7d}. */
  public static Duration parse(String period) {
    Matcher matcher = PERIOD.matcher(period.strip().toLowerCase(Locale.ROOT));
    if (!matcher.matches()) {
      throw new IllegalArgumentException("not a version_retention_period: " + period);
    }
    long amount = Long.parseLong(matcher.group(1));
    return switch (matcher.group(2)) {
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> Duration.ofDays(amount);
    };
  }

  /**
   * The estimated time the snapshot needs from T: {@code rows} at {@code rowsPerSecond}, or
   * {@code bound} when given (the operator's own upper bound), plus what has already passed since
   * T ({@code sinceT}, for a resumed snapshot).
   */
  public static Duration needed(long rows, double rowsPerSecond, Optional<Duration> bound,
      Duration sinceT) {
    Duration load = bound.orElseGet(
        () -> Duration.ofSeconds((long) Math.ceil(rows / Math.max(1e-9, rowsPerSecond))));
    return load.plus(sinceT.isNegative() ? Duration.ZERO : sinceT);
  }

  /**
   * Why a snapshot needing {@code needed} cannot run inside {@code retention}; empty when it can.
   */
  public static Optional<String> refusal(Duration retention, Duration needed, String basis) {
    if (needed.compareTo(retention) < 0) {
      return Optional.empty();
    }
    return Optional.of("the snapshot needs about " + human(needed) + " (" + basis
        + ") but the database keeps old row versions for version_retention_period = "
        + human(retention) + ": reads at T would fail before it ends. Raise it (ALTER DATABASE"
        + " ... SET OPTIONS (version_retention_period = '...'), at most 7d) or give a smaller"
        + " --snapshotMaxDuration if you know the load is faster");
  }

  /** {@code duration} as {@code 1h23m20s}. */
  static String human(Duration duration) {
    return duration.toString().substring(2).toLowerCase(Locale.ROOT);
  }
}
