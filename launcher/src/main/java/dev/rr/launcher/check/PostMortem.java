package dev.rr.launcher.check;

import dev.rr.launcher.verify.VerifyRow;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Keeps a mismatched sample for later: one text file per sample under a directory named after
 * the seed, with the seed, the shard and its checkpoint, the differing rows, the shard's rows in
 * its snapshot and Spanner's rows routed to it at the checkpoint's commit timestamp.
 */
public final class PostMortem {
  private PostMortem() {}

  /** Writes {@code samples} of run {@code seed} under {@code root}; returns the directory. */
  public static Path keep(Path root, long seed, List<PrefixSample> samples) throws IOException {
    Path dir = Files.createDirectories(root.resolve("seed-" + seed + "-" + System.currentTimeMillis()));
    for (int i = 0; i < samples.size(); i++) {
      PrefixSample sample = samples.get(i);
      Path file = dir.resolve(sample.shard() + "-sample-" + (i + 1) + ".txt");
      try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
        out.println("seed " + seed + " (rerun: see docs/testing.md, differential checker)");
        out.println(sample.summary());
        sample.checkpoint().ifPresent(c -> out.println("checkpoint " + c));
        out.println();
        out.println("differences:");
        sample.differences().forEach(d -> out.println("  " + d.describe()));
        rows(out, "shard rows in the snapshot", sample.shardRows());
        rows(out, "Spanner rows at " + sample.readTimestamp() + " routed to " + sample.shard(),
            sample.spannerRows());
      }
    }
    return dir;
  }

  private static void rows(PrintWriter out, String title, Map<String, List<VerifyRow>> rows) {
    out.println();
    out.println(title + ":");
    rows.keySet().stream().sorted().forEach(table -> {
      out.println("  " + table + " (" + rows.get(table).size() + " rows)");
      rows.get(table).forEach(row -> out.println("    " + VerifyRow.showKey(row.key()) + " "
          + row.values().stream().map(RowDifference::value).toList()));
    });
  }
}
