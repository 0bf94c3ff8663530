package dev.rr.reader.logic;

/** How much of a changed row the shard-id rule needs to see. */
public enum RowNeed {
  /** Nothing: a single shard takes every record. */
  NONE,
  /** The table's shard id column (the session file's {@code ShardIdColumn}). */
  SHARD_ID_COLUMN,
  /** Every column: a custom fetcher may look at any of them. */
  FULL_ROW
}
