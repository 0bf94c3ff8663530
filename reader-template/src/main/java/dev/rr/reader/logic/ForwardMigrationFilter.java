package dev.rr.reader.logic;

import dev.rr.common.config.FiltrationMode;
import java.io.Serializable;

/**
 * Decides which change-stream records the reader keeps. With {@link
 * FiltrationMode#FORWARD_MIGRATION}, writes made by the forward migration (their transaction tag
 * starts with {@value #FORWARD_MIGRATION_TAG_PREFIX}) are dropped so that they are not replicated
 * back to the shard they came from.
 */
public final class ForwardMigrationFilter implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Transaction-tag prefix the forward migration puts on its writes. */
  public static final String FORWARD_MIGRATION_TAG_PREFIX = "txBy=";

  private final FiltrationMode mode;

  public ForwardMigrationFilter(FiltrationMode mode) {
    this.mode = mode;
  }

  /** True when a record with this transaction tag (null or empty when none) is replicated. */
  public boolean keeps(String transactionTag) {
    return switch (mode) {
      case NONE -> true;
      case FORWARD_MIGRATION ->
          transactionTag == null || !transactionTag.startsWith(FORWARD_MIGRATION_TAG_PREFIX);
    };
  }
}
