package dev.rr.reader.logic;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What decides where each change goes, beyond the change stream and database the run row keeps:
 * the session file (by content digest), the logical shard ids, and the custom shard-id fetcher (by
 * class, parameters and jar digest). A resumed run must route exactly as the run it continues:
 * otherwise windows it writes again would hold records routed differently from the files before
 * them. Compared field by field so the refusal names each difference.
 *
 * @param session the session file's SHA-256, or {@link #IDENTITY_MAPPING} without a session file
 * @param shards the logical shard ids of the shards file, in file order
 * @param customSharding the custom fetcher's class, parameters and jar SHA-256, or {@link #NONE}
 */
public record RunInputs(String session, List<String> shards, String customSharding) {

  /** {@link #session} of a run without a session file. */
  public static final String IDENTITY_MAPPING = "identity mapping (no session file)";
  /** {@link #customSharding} of a run without a custom fetcher. */
  public static final String NONE = "none";

  public RunInputs {
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(customSharding, "customSharding");
    shards = List.copyOf(shards);
  }

  /**
   * How this launch's inputs differ from {@code started}, the inputs the run started with: one
   * line per field that differs, naming the option, what the run used and what this launch gives.
   */
  public List<String> differencesFrom(RunInputs started) {
    List<String> differences = new ArrayList<>();
    compare("sessionFilePath (SHA-256)", started.session, session, differences);
    compare("sourceShardsFilePath (logical shard ids)", started.shards.toString(),
        shards.toString(), differences);
    compare("shardingCustomClassName / shardingCustomJarPath / shardingCustomParameters",
        started.customSharding, customSharding, differences);
    return differences;
  }

  private static void compare(String what, String started, String now, List<String> out) {
    if (!started.equals(now)) {
      out.add(what + ": the run started with " + started + ", this launch gives " + now);
    }
  }
}
