package dev.rr.reader.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.cloud.Timestamp;
import dev.rr.common.model.ChangeRecord;
import dev.rr.common.model.ModType;
import dev.rr.reader.PipelineCounters;
import dev.rr.reader.dofn.AssignShardFn;
import dev.rr.reader.logic.OutputLayout;
import dev.rr.reader.logic.RoutingSpec;
import dev.rr.reader.logic.RowLookup;
import dev.rr.reader.logic.TestMappings;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;

class AssignShardTest {
  private static final OutputLayout LAYOUT = new OutputLayout("/buffer", "skip", "skip-unknown-shard");

  /** Deleted rows as they were before the delete, by key. */
  record BeforeDelete(Map<String, Map<String, Object>> rows) implements RowLookup.Factory {
    @Override
    public RowLookup open() {
      return (table, keysJson, at) -> Optional.ofNullable(rows.get(keysJson));
    }
  }

  private static ChangeRecord order(String tx, ModType type, String keys, String newValues) {
    return ChangeRecord.builder()
        .commitTimestamp(Timestamp.ofTimeSecondsAndNanos(1_700_000_000L, 0))
        .serverTransactionId(tx)
        .tableName("Orders")
        .modType(type)
        .keysJson(keys)
        .newValuesJson(newValues)
        .build();
  }

  @Test
  void shouldKeyEveryRecordByItsDirectoryAndCountWhatWasNotRouted() {
    ChangeRecord toA = order("1", ModType.INSERT, "{\"id\":\"1\"}", "{\"shard\":\"a\"}");
    ChangeRecord deleteFromB = order("2", ModType.DELETE, "{\"id\":\"2\"}", "{}");
    ChangeRecord unknown = order("3", ModType.INSERT, "{\"id\":\"3\"}", "{\"shard\":\"zz\"}");
    ChangeRecord unmapped =
        ChangeRecord.builder().commitTimestamp(Timestamp.ofTimeSecondsAndNanos(1, 0))
            .serverTransactionId("4").tableName("Audit").modType(ModType.INSERT).build();
    RoutingSpec spec =
        new RoutingSpec(TestMappings.orders(), List.of("a", "b"), Optional.empty(), LAYOUT);
    BeforeDelete lookups =
        new BeforeDelete(Map.of("{\"id\":\"2\"}", Map.of("id", 2L, "shard", "b")));

    TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    PCollection<KV<String, ChangeRecord>> routed =
        pipeline
            .apply(Create.of(toA, deleteFromB, unknown, unmapped))
            .apply(AssignShard.using(spec, lookups));

    PAssert.that(routed)
        .containsInAnyOrder(
            KV.of("a", toA.withShard("a")),
            KV.of("b", deleteFromB.withShard("b")),
            KV.of("skip-unknown-shard", unknown.withShard("zz")),
            KV.of("skip", unmapped));
    PipelineResult result = pipeline.run();
    result.waitUntilFinish();

    assertEquals(1, counter(result, AssignShardFn.SKIPPED_RECORDS));
    assertEquals(1, counter(result, AssignShardFn.UNKNOWN_SHARD_RECORDS));
    assertEquals(1, counter(result, AssignShardFn.ROW_LOOKUPS));
  }

  private static long counter(PipelineResult result, String name) {
    return PipelineCounters.sum(result, AssignShardFn.class, name);
  }
}
