package dev.rr.launcher.bench;

import com.google.cloud.Timestamp;
import com.google.cloud.spanner.DatabaseClient;
import com.google.cloud.spanner.ResultSet;
import com.google.cloud.spanner.Statement;
import com.google.cloud.spanner.Struct;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * The reader's baseline: a plain loop of change-stream partition queries over a bounded span -
 * the root query ({@code partition_token => NULL}), then every child partition from its start
 * timestamp, one after another, each in slices of ten seconds of commit time (the emulator's
 * memory limit per query) - touching each mod's key and value JSON and nothing else. This is the
 * least work that reads every change, so the reader can be compared with it.
 */
final class RawChangeStreamReader {
  private static final long HEARTBEAT_MILLIS = 10_000;
  private static final long SLICE_SECONDS = 10;

  /**
   * What one read saw.
   *
   * @param partitions partition queries run (the root included)
   * @param dataChangeRecords data change records
   * @param mods mods in them (one row change each)
   * @param valueChars characters of key and value JSON touched
   */
  record Counts(long partitions, long dataChangeRecords, long mods, long valueChars) {}

  private final DatabaseClient client;
  private final String changeStream;

  RawChangeStreamReader(DatabaseClient client, String changeStream) {
    if (!changeStream.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new IllegalArgumentException("invalid change stream name " + changeStream);
    }
    this.client = client;
    this.changeStream = changeStream;
  }

  /** Reads every change committed in {@code [start, end)}. */
  Counts read(Timestamp start, Timestamp end) {
    Deque<Partition> queue = new ArrayDeque<>();
    Set<String> seen = new HashSet<>();
    Set<String> counted = new HashSet<>();
    queue.add(new Partition(null, start));
    long partitions = 0;
    long[] totals = new long[3];
    while (!queue.isEmpty()) {
      Partition partition = queue.poll();
      partitions++;
      Timestamp sliceEnd = sliceEnd(partition.start(), end);
      boolean ended = false;
      // The stream name is checked in the constructor; everything else is a parameter.
      Statement query =
          Statement.newBuilder(
                  "SELECT ChangeRecord FROM READ_" + changeStream + "(start_timestamp => @start,"
                      + " end_timestamp => @end, partition_token => @token,"
                      + " heartbeat_milliseconds => @heartbeat)")
              .bind("start").to(partition.start())
              .bind("end").to(sliceEnd)
              .bind("token").to(partition.token())
              .bind("heartbeat").to(HEARTBEAT_MILLIS)
              .build();
      try (ResultSet rows = client.singleUse().executeQuery(query)) {
        while (rows.next()) {
          for (Struct record : rows.getStructList(0)) {
            count(record, counted, totals);
            for (Struct children : record.getStructList("child_partitions_record")) {
              ended = true;
              Timestamp childStart = children.getTimestamp("start_timestamp");
              for (Struct child : children.getStructList("child_partitions")) {
                if (seen.add(child.getString("token"))) {
                  queue.add(new Partition(child.getString("token"), childStart));
                }
              }
            }
          }
        }
      }
      if (!ended && partition.token() != null && sliceEnd.compareTo(end) < 0) {
        // The partition lives on: read its next slice.
        queue.addFirst(new Partition(partition.token(), sliceEnd));
      }
    }
    return new Counts(partitions, totals[0], totals[1], totals[2]);
  }

  /**
   * The end of one query's slice of commit time. The emulator holds a query's whole result in
   * memory (128 MB at most), so a partition is read {@value #SLICE_SECONDS} seconds at a time;
   * records on a slice boundary may come twice and are counted once.
   */
  private static Timestamp sliceEnd(Timestamp start, Timestamp end) {
    Timestamp candidate =
        Timestamp.ofTimeSecondsAndNanos(start.getSeconds() + SLICE_SECONDS, start.getNanos());
    return candidate.compareTo(end) < 0 ? candidate : end;
  }

  private static void count(Struct record, Set<String> counted, long[] totals) {
    for (Struct change : record.getStructList("data_change_record")) {
      if (!counted.add(change.getTimestamp("commit_timestamp") + "/"
          + change.getString("server_transaction_id") + "/"
          + change.getString("record_sequence"))) {
        continue;
      }
      totals[0]++;
      for (Struct mod : change.getStructList("mods")) {
        totals[1]++;
        totals[2] += json(mod, "keys").length() + json(mod, "new_values").length();
      }
    }
  }

  /** A JSON field of a mod: JSON-typed on Spanner, a string on some emulator versions. */
  private static String json(Struct mod, String field) {
    if (mod.isNull(field)) {
      return "";
    }
    return switch (mod.getColumnType(field).getCode()) {
      case JSON -> mod.getJson(field);
      default -> mod.getString(field);
    };
  }

  private record Partition(String token, Timestamp start) {}
}
