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
import java.util.function.Consumer;

/**
 * The reader's baseline: a plain loop of change-stream partition queries over a bounded span -
 * the root query ({@code partition_token => NULL}), then every child partition from its start
 * timestamp, one after another, each in slices of ten seconds of commit time (the emulator's
 * memory limit per query) - touching each mod's key and value JSON and nothing else. This is the
 * least work that reads every change, so the reader can be compared with it. It also lists every
 * mod it reads, for the end-to-end suite's post-mortem of a failed comparison.
 */
public final class RawChangeStreamReader {
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
  public record Counts(long partitions, long dataChangeRecords, long mods, long valueChars) {}

  /**
   * One mod as the change stream returned it.
   *
   * @param partition the token of the partition that returned it (null for the root query)
   * @param modIndex its position in its data change record
   */
  public record Mod(String partition, Timestamp commitTimestamp, String serverTransactionId,
      String recordSequence, int modIndex, String table, String modType, String keysJson) {}

  private final DatabaseClient client;
  private final String changeStream;

  public RawChangeStreamReader(DatabaseClient client, String changeStream) {
    if (!changeStream.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new IllegalArgumentException("invalid change stream name " + changeStream);
    }
    this.client = client;
    this.changeStream = changeStream;
  }

  /** Reads every change committed in {@code [start, end)}. */
  public Counts read(Timestamp start, Timestamp end) {
    return read(start, end, mod -> { });
  }

  /** Reads every change committed in {@code [start, end)}, handing each mod to {@code onMod}. */
  public Counts read(Timestamp start, Timestamp end, Consumer<Mod> onMod) {
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
            count(partition.token(), record, counted, totals, onMod);
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

  private static void count(String token, Struct record, Set<String> counted, long[] totals,
      Consumer<Mod> onMod) {
    for (Struct change : record.getStructList("data_change_record")) {
      Timestamp commit = change.getTimestamp("commit_timestamp");
      String transaction = change.getString("server_transaction_id");
      String sequence = change.getString("record_sequence");
      if (!counted.add(commit + "/" + transaction + "/" + sequence)) {
        continue;
      }
      totals[0]++;
      int index = 0;
      for (Struct mod : change.getStructList("mods")) {
        totals[1]++;
        String keys = json(mod, "keys");
        totals[2] += keys.length() + json(mod, "new_values").length();
        onMod.accept(new Mod(token, commit, transaction, sequence, index++,
            change.getString("table_name"), change.getString("mod_type"), keys));
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
