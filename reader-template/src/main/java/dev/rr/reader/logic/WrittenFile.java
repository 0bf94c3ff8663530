package dev.rr.reader.logic;

import java.io.Serializable;
import java.time.Instant;

/**
 * A window file the reader wrote.
 *
 * @param directory the shard (or skip / unknown-shard directory) it belongs to
 * @param file full path of the file
 * @param windowStart start of its window
 * @param windowEnd end (exclusive) of its window
 * @param records number of records in it
 * @param late true for a file of late records (in the late directory)
 */
public record WrittenFile(
    String directory, String file, Instant windowStart, Instant windowEnd, long records, boolean late)
    implements Serializable {}
