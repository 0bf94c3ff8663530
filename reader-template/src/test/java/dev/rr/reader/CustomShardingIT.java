package dev.rr.reader;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.cloud.Timestamp;
import com.google.cloud.spanner.Key;
import com.google.cloud.spanner.Mutation;
import dev.rr.common.config.ReaderConfig;
import dev.rr.common.model.ModType;
import dev.rr.reader.dofn.AssignShardFn;
import dev.rr.testing.SpannerEmulatorExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.beam.sdk.PipelineResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A custom ShardIdFetcher from a jar, without a session file (tables and column types come from
 * Spanner's INFORMATION_SCHEMA): it sees whole rows, deleted rows read just before the delete.
 */
class CustomShardingIT {
  @RegisterExtension static SpannerEmulatorExtension spanner = new SpannerEmulatorExtension();

  @TempDir Path work;

  @AfterEach
  void dropDatabases() {
    ReaderRunFixture.dropDatabases();
  }

  @Test
  void shouldRouteWithACustomFetcherLoadedFromAJar() throws Exception {
    Path jar = FetcherJar.build(work.resolve("jar"));
    ReaderRunFixture run = new ReaderRunFixture(spanner, work, List.of("shardA", "shardB"),
        "CREATE TABLE orders (id INT64 NOT NULL, amount INT64) PRIMARY KEY (id)",
        "CREATE CHANGE STREAM cs FOR ALL OPTIONS (value_capture_type = 'NEW_ROW')");
    Timestamp t1 = run.data.write(
        Mutation.newInsertBuilder("orders").set("id").to(1).set("amount").to(10).build(),
        Mutation.newInsertBuilder("orders").set("id").to(2).set("amount").to(21).build());
    Timestamp t2 = run.data.write(Mutation.delete("orders", Key.of(2)));
    Timestamp t3 = run.data.write(
        Mutation.newUpdateBuilder("orders").set("id").to(1).set("amount").to(13).build());
    run.expect("shardA", "orders", ModType.INSERT, "{\"id\":\"1\"}", "shardA", t1);
    run.expect("shardB", "orders", ModType.INSERT, "{\"id\":\"2\"}", "shardB", t1);
    run.expect("shardB", "orders", ModType.DELETE, "{\"id\":\"2\"}", "shardB", t2);
    // The fetcher routes by amount parity: 10 -> 13 moves row 1 from shardA to shardB.
    run.expect("shardA", "orders", ModType.DELETE, "{\"id\":\"1\"}", "shardA", t3);
    run.expect("shardB", "orders", ModType.INSERT, "{\"id\":\"1\"}", "shardB", t3);

    ReaderConfig config = run.config("custom", "10s", t3)
        .shardingCustomJarPath(jar.toString())
        .shardingCustomClassName(FetcherJar.CLASS_NAME)
        .shardingCustomParameters("shardA,shardB")
        .build();
    PipelineResult result = ReaderPipeline.run(config, ReaderRunFixture.directOptions());
    result.waitUntilFinish();

    assertEquals(run.expectedFiles(Duration.ofSeconds(10)), run.actualFiles());
    // The deleted row, and the updated row before its update (the fetcher is asked for both).
    assertEquals(2, PipelineCounters.sum(result, AssignShardFn.class, AssignShardFn.ROW_LOOKUPS));
    assertEquals(1, PipelineCounters.sum(result, AssignShardFn.class, AssignShardFn.SHARD_MOVES));
  }
}
