package dev.rr.launcher.status;

import com.google.cloud.Timestamp;
import dev.rr.writer.snapshot.TableLoad;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/** Renders a {@link RunState} as the fixed-width table {@code rr status} prints. */
public final class StatusTable {
  private static final String[] HEADERS = {
    "SHARD", "STATE", "CREATED_UPTO", "APPLIED_UPTO", "LAST_COMMIT", "LAG", "BACKLOG", "RECORDS",
    "UPDATED", "LAST_ERROR"
  };
  private static final int MAX_ERROR = 80;

  /** A shard row not written for longer than this is flagged STALLED (a writer rewrites it every window). */
  public static final Duration DEFAULT_STALL_AFTER = Duration.ofMinutes(2);

  private static final DateTimeFormatter MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private StatusTable() {}

  /** Prints a heading line and one row per shard, flagging rows older than the default. */
  public static void print(RunState state, PrintWriter out) {
    print(state, out, DEFAULT_STALL_AFTER);
  }

  /**
   * Prints a heading line, one row per shard, then one note per shard whose row stopped moving
   * (not written for longer than {@code stallAfter}) or whose APPLIED_UPTO is ahead of its
   * CREATED_UPTO.
   */
  public static void print(RunState state, PrintWriter out, Duration stallAfter) {
    print(state, out, stallAfter, Map.of());
  }

  /**
   * Like {@link #print(RunState, PrintWriter, Duration)}, with what the shards' own databases say
   * ({@code loads}, by shard): a shard a snapshot or resync is loading shows SNAPSHOT or RESYNC
   * (fenced) as its STATE (also before the metadata knows it), and {@link LoadTable} follows.
   */
  public static void print(RunState state, PrintWriter out, Duration stallAfter,
      Map<String, ShardLoad> loads) {
    SortedMap<String, ShardState> shards = new TreeMap<>();
    state.shards().forEach(shard -> shards.put(shard.shard(), shard));
    loads.values().stream().filter(ShardLoad::underWay).forEach(load -> shards.putIfAbsent(
        load.shard(), new ShardState(load.shard(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), 0, Optional.empty())));
    out.printf("run %s at %s: %d shard(s)%n", state.runId(), state.readAt(), shards.size());
    List<String[]> rows = new ArrayList<>();
    rows.add(HEADERS);
    for (ShardState shard : shards.values()) {
      Optional<String> loading =
          Optional.ofNullable(loads.get(shard.shard())).flatMap(ShardLoad::state);
      rows.add(new String[] {
        shard.shard(),
        loading.orElse(shard.status().map(Enum::name).orElse("-")),
        time(shard.createdUpto()),
        time(shard.processedUpto()),
        time(shard.lastCommit()),
        shard.lag(state.readAt()).map(StatusTable::duration).orElse("-"),
        shard.backlog().map(StatusTable::duration).orElse("-"),
        Long.toString(shard.recordsApplied()),
        updated(shard, state.readAt(), stallAfter),
        shard.error().map(StatusTable::oneLine).orElse("")
      });
    }
    printColumns(rows, out);
    notes(state, stallAfter).forEach(out::println);
    LoadTable.print(loads.values(), out);
    out.flush();
  }

  /** Prints {@code rows} (the first one the headers) in left-aligned columns. */
  static void printColumns(List<String[]> rows, PrintWriter out) {
    int[] widths = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        line.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
      }
      out.println(line.toString().stripTrailing());
    }
  }

  /** The notes under the table: stalled rows and rows applied ahead of created. */
  static List<String> notes(RunState state, Duration stallAfter) {
    List<String> notes = new ArrayList<>();
    for (ShardState shard : state.shards()) {
      if (shard.isStalled(state.readAt(), stallAfter)) {
        notes.add("! shard " + shard.shard() + ": STALLED, its row was last written "
            + duration(shard.sinceUpdate(state.readAt()).orElseThrow()) + " ago (a running writer"
            + " writes it every window, also when idle): check the writer and reader jobs");
      }
      if (shard.isAppliedAheadOfCreated()) {
        notes.add("! shard " + shard.shard() + ": APPLIED_UPTO " + time(shard.processedUpto())
            + " is after CREATED_UPTO " + time(shard.createdUpto()) + ": the reader's row went"
            + " back (a reader reset or resumed from an earlier point); the writer applied only"
            + " windows that were final when it read them");
      }
    }
    return notes;
  }

  private static String updated(ShardState shard, Instant now, Duration stallAfter) {
    return shard.sinceUpdate(now)
        .map(d -> duration(d) + " ago" + (shard.isStalled(now, stallAfter) ? " STALLED" : ""))
        .orElse("-");
  }

  /** RFC 3339 UTC with milliseconds (the window grid's precision), so a row fits a terminal. */
  static String time(Optional<Timestamp> value) {
    return value.map(t -> MILLIS.format(Instant.ofEpochSecond(t.getSeconds(), t.getNanos())))
        .orElse("-");
  }

  /** {@code 850ms}, {@code 12.3s}, {@code 4m05s}, {@code 2h03m}. */
  static String duration(Duration value) {
    return TableLoad.human(value);
  }

  private static String oneLine(String error) {
    String flat = error.replaceAll("\\s+", " ").trim();
    return flat.length() <= MAX_ERROR ? flat : flat.substring(0, MAX_ERROR - 3) + "...";
  }
}
