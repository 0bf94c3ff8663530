package dev.rr.launcher.status;

import com.google.cloud.Timestamp;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Renders a {@link RunState} as the fixed-width table {@code rr status} prints. */
public final class StatusTable {
  private static final String[] HEADERS = {
    "SHARD", "STATE", "CREATED_UPTO", "APPLIED_UPTO", "LAST_COMMIT", "LAG", "BACKLOG", "RECORDS",
    "LAST_ERROR"
  };
  private static final int MAX_ERROR = 80;

  private StatusTable() {}

  /** Prints a heading line and one row per shard. */
  public static void print(RunState state, PrintWriter out) {
    out.printf("run %s at %s: %d shard(s)%n", state.runId(), state.readAt(), state.shards().size());
    List<String[]> rows = new ArrayList<>();
    rows.add(HEADERS);
    for (ShardState shard : state.shards()) {
      rows.add(new String[] {
        shard.shard(),
        shard.status().map(Enum::name).orElse("-"),
        time(shard.createdUpto()),
        time(shard.processedUpto()),
        time(shard.lastCommit()),
        shard.lag(state.readAt()).map(StatusTable::duration).orElse("-"),
        shard.backlog().map(StatusTable::duration).orElse("-"),
        Long.toString(shard.recordsApplied()),
        shard.error().map(StatusTable::oneLine).orElse("")
      });
    }
    int[] widths = new int[HEADERS.length];
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
    out.flush();
  }

  static String time(Optional<Timestamp> value) {
    return value.map(Timestamp::toString).orElse("-");
  }

  /** {@code 850ms}, {@code 12.3s}, {@code 4m05s}, {@code 2h03m}. */
  static String duration(Duration value) {
    long millis = value.toMillis();
    if (millis < 1_000) {
      return millis + "ms";
    }
    if (millis < 60_000) {
      return String.format("%.1fs", millis / 1000.0);
    }
    long seconds = millis / 1000;
    if (seconds < 3600) {
      return String.format("%dm%02ds", seconds / 60, seconds % 60);
    }
    return String.format("%dh%02dm", seconds / 3600, (seconds % 3600) / 60);
  }

  private static String oneLine(String error) {
    String flat = error.replaceAll("\\s+", " ").trim();
    return flat.length() <= MAX_ERROR ? flat : flat.substring(0, MAX_ERROR - 3) + "...";
  }
}
