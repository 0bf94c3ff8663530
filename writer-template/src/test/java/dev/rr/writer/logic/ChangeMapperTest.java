package dev.rr.writer.logic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.Timestamp;
import dev.rr.common.input.IdentitySchemaMapping;
import dev.rr.common.model.ChangeRecord;
import dev.rr.common.model.ModType;
import dev.rr.common.mysql.MySqlDialect;
import dev.rr.common.schema.SchemaMapping;
import dev.rr.common.schema.SourceType;
import dev.rr.common.schema.SpannerType;
import dev.rr.writer.custom.CustomTransformation;
import dev.rr.writer.custom.TransformationRequest;
import dev.rr.writer.custom.TransformationResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ChangeMapperTest {
  private static final SchemaMapping SCHEMA = IdentitySchemaMapping.builder()
      .spannerColumn("Users", "id", SpannerType.of("INT64"))
      .spannerColumn("Users", "name", SpannerType.of("STRING"))
      .sourceColumn("Users", "id", SourceType.of("int"))
      .sourceColumn("Users", "name", SourceType.of("varchar", 20L))
      .sourcePrimaryKey("Users", List.of("id"))
      .build();

  private static ChangeRecord record(String table, ModType type) {
    return ChangeRecord.builder()
        .commitTimestamp(Timestamp.ofTimeSecondsAndNanos(100, 0))
        .serverTransactionId("tx")
        .tableName(table)
        .modType(type)
        .keysJson("{\"id\":\"7\"}")
        .newValuesJson(type == ModType.DELETE ? "{}" : "{\"name\":\"ann\"}")
        .build();
  }

  private static ChangeMapper mapper(CustomTransformation transformation) {
    return new ChangeMapper(SCHEMA, new MySqlDialect(), transformation, "s1");
  }

  private static CustomTransformation returning(
      TransformationResponse response, AtomicReference<TransformationRequest> seen) {
    return new CustomTransformation() {
      @Override
      public void init(String parameters) {}

      @Override
      public TransformationResponse toSourceRow(TransformationRequest request) {
        seen.set(request);
        return response;
      }
    };
  }

  @Test
  void shouldMapARecordToItsSourceRowWithoutATransformation() {
    ChangeMapper.Outcome outcome = mapper(null).map(record("Users", ModType.INSERT));

    RowChange change = assertInstanceOf(ChangeMapper.Write.class, outcome).change();
    assertEquals(Map.of("id", 7L, "name", "ann"), change.change().values());
  }

  @Test
  void shouldSkipRecordsOfTablesTheMappingDoesNotKnow() {
    ChangeMapper.Outcome outcome = mapper(null).map(record("Ghosts", ModType.INSERT));

    assertEquals(new ChangeMapper.Skip(ChangeMapper.SkipReason.UNMAPPED_TABLE), outcome);
  }

  @Test
  void shouldHandTheTransformationTypedValuesAndApplyItsValues() {
    AtomicReference<TransformationRequest> seen = new AtomicReference<>();
    ChangeMapper mapper =
        mapper(returning(TransformationResponse.withValues(Map.of("name", "ANN")), seen));

    RowChange change = assertInstanceOf(ChangeMapper.Write.class,
        mapper.map(record("Users", ModType.UPDATE))).change();

    assertEquals(Map.of("id", 7L, "name", "ANN"), change.change().values());
    assertEquals("Users", seen.get().tableName());
    assertEquals(Map.of("id", 7L, "name", "ann"), seen.get().row());
    assertEquals("s1", seen.get().shardId());
    assertEquals(ModType.UPDATE, seen.get().eventType());
  }

  @Test
  void shouldSkipWhatTheTransformationFilters() {
    ChangeMapper mapper =
        mapper(returning(TransformationResponse.filter(), new AtomicReference<>()));

    assertEquals(new ChangeMapper.Skip(ChangeMapper.SkipReason.FILTERED),
        mapper.map(record("Users", ModType.DELETE)));
  }

  @Test
  void shouldTurnATransformationFailureIntoAPermanentErrorNamingTheRecord() {
    ChangeMapper mapper = mapper(new CustomTransformation() {
      @Override
      public void init(String parameters) {}

      @Override
      public TransformationResponse toSourceRow(TransformationRequest request) {
        throw new IllegalStateException("boom");
      }
    });

    TransformationException e = assertThrows(TransformationException.class,
        () -> mapper.map(record("Users", ModType.INSERT)));

    assertTrue(e.getMessage().contains("INSERT of Users"), e.getMessage());
    assertTrue(e.getMessage().contains("boom"), e.getMessage());
    assertEquals(dev.rr.common.mysql.ErrorClass.PERMANENT, ApplyErrors.classify(e));
  }
}
