package dev.rr.common.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.rr.common.input.InputFileException.Problem;
import dev.rr.common.schema.ColumnMapping;
import dev.rr.common.schema.SchemaMapping;
import dev.rr.common.schema.SourceType;
import dev.rr.common.schema.SpannerType;
import dev.rr.common.schema.TableMapping;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionFileTest {
  private static final String INTERLEAVE = "fixtures/interleave/session.json";
  private static final String BUFFER_SAMPLE = "fixtures/buffer-sample/session.json";
  private static final SpannerType INT64 = SpannerType.of("INT64");
  private static final SpannerType TIMESTAMP = SpannerType.of("TIMESTAMP");

  static String fixture(String resource) {
    try (InputStream in = SessionFileTest.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonObject interleaveJson() {
    return JsonParser.parseString(fixture(INTERLEAVE)).getAsJsonObject();
  }

  private static TableMapping table(SchemaMapping mapping, String name) {
    return mapping.forSpannerTable(name).orElseThrow(() -> new AssertionError("no " + name));
  }

  private static InputFileException invalid(JsonObject session) {
    return assertThrows(InputFileException.class,
        () -> SessionFile.parse("session.json", session.toString()));
  }

  private static Problem onlyProblem(InputFileException e) {
    assertEquals("session.json", e.file());
    assertEquals(1, e.problems().size(), e.getMessage());
    assertTrue(e.getMessage().startsWith("session.json: "), e.getMessage());
    return e.problems().get(0);
  }

  @Test
  void shouldMapAllFourInterleaveTables() {
    SessionSchemaMapping mapping = SessionFile.parse(INTERLEAVE, fixture(INTERLEAVE));

    assertEquals(Set.of("parent1", "child11", "parent2", "child21"), mapping.spannerTables());
    assertEquals(List.of(), mapping.spannerOnlyTables());
    TableMapping parent1 = table(mapping, "parent1");
    assertEquals("parent1", parent1.sourceName());
    assertEquals(List.of("id"), parent1.sourcePrimaryKey());
    assertNull(parent1.shardIdColumn());
    assertEquals(List.of("child_id"), table(mapping, "child11").sourcePrimaryKey());
  }

  @Test
  void shouldMapRenamedChildColumnByColumnId() {
    TableMapping child21 = table(SessionFile.parse(INTERLEAVE, fixture(INTERLEAVE)), "child21");

    assertEquals("child21", child21.sourceName());
    assertEquals(List.of(
        new ColumnMapping("child_id", INT64, "child_id", SourceType.of("int", 10L)),
        new ColumnMapping("id", INT64, "parent_id", SourceType.of("int", 10L)),
        new ColumnMapping("update_ts", TIMESTAMP, "update_ts", SourceType.of("timestamp")),
        new ColumnMapping("in_ts", TIMESTAMP, "in_ts", SourceType.of("timestamp"))),
        child21.columns());
    assertEquals("parent_id", child21.bySpannerColumn("id").orElseThrow().sourceName());
  }

  @Test
  void shouldTakeSourcePrimaryKeyFromSourceSchemaNotSpanner() {
    // Spanner's key is (id, child_id); MySQL's is (child_id).
    TableMapping child21 = table(SessionFile.parse(INTERLEAVE, fixture(INTERLEAVE)), "child21");

    assertEquals(List.of("child_id"), child21.sourcePrimaryKey());
  }

  @Test
  void shouldOrderSourcePrimaryKeyByOrderField() {
    JsonObject session = interleaveJson();
    JsonObject src = session.getAsJsonObject("SrcSchema").getAsJsonObject("t3");
    src.add("PrimaryKeys", JsonParser.parseString(
        "[{\"ColId\":\"c13\",\"Order\":2},{\"ColId\":\"c14\",\"Order\":1}]"));

    TableMapping child21 = table(SessionFile.parse("s.json", session.toString()), "child21");

    assertEquals(List.of("parent_id", "child_id"), child21.sourcePrimaryKey());
  }

  @Test
  void shouldLoadEveryColumnTypeOfTheBufferSample() {
    SessionSchemaMapping mapping = SessionFile.parse(BUFFER_SAMPLE, fixture(BUFFER_SAMPLE));

    assertEquals(Set.of("AllDatatypeTransformation", "Users"), mapping.spannerTables());
    TableMapping all = table(mapping, "AllDatatypeTransformation");
    assertEquals(18, all.columns().size());
    assertEquals(List.of("varchar_column"), all.sourcePrimaryKey());
    assertColumn(all, "varchar_column", "STRING", "varchar(20)");
    assertColumn(all, "tinyint_column", "INT64", "tinyint(3)");
    assertColumn(all, "float_column", "FLOAT64", "float(10,2)");
    assertColumn(all, "decimal_column", "NUMERIC", "decimal(10,2)");
    assertColumn(all, "datetime_column", "TIMESTAMP", "datetime");
    assertColumn(all, "time_column", "STRING", "time");
    assertColumn(all, "year_column", "STRING", "year");
    assertColumn(all, "blob_column", "BYTES", "blob(65535)");
    assertColumn(all, "enum_column", "STRING", "enum(1)");
    assertColumn(all, "bool_column", "BOOL", "tinyint(1)");
    assertColumn(all, "binary_column", "BYTES", "binary(150)");
    assertColumn(all, "bit_column", "BYTES", "bit(20)");
    assertColumn(all, "date_column", "DATE", "date");
    assertEquals(List.of("id"), table(mapping, "Users").sourcePrimaryKey());
  }

  private static void assertColumn(
      TableMapping table, String column, String spannerType, String sourceType) {
    ColumnMapping mapping = table.bySpannerColumn(column).orElseThrow();
    assertEquals(SpannerType.of(spannerType), mapping.spannerType(), column);
    assertEquals(sourceType, mapping.sourceType().toString(), column);
  }

  @Test
  void shouldMapShardIdColumnMissingInSourceToItsSpannerName() {
    JsonObject session = interleaveJson();
    JsonObject t1 = session.getAsJsonObject("SpSchema").getAsJsonObject("t1");
    t1.getAsJsonArray("ColIds").add("c99");
    t1.getAsJsonObject("ColDefs").add("c99", JsonParser.parseString(
        "{\"Name\":\"migration_shard_id\",\"T\":{\"Name\":\"STRING\",\"Len\":50,"
            + "\"IsArray\":false},\"Id\":\"c99\"}"));
    t1.addProperty("ShardIdColumn", "c99");

    TableMapping parent1 = table(SessionFile.parse("s.json", session.toString()), "parent1");

    assertEquals("migration_shard_id", parent1.shardIdColumn());
    ColumnMapping shardColumn = parent1.bySpannerColumn("migration_shard_id").orElseThrow();
    assertFalse(shardColumn.hasSource());
    assertNull(shardColumn.sourceType());
  }

  @Test
  void shouldLeaveSyntheticPrimaryKeyWithoutSource() {
    JsonObject session = interleaveJson();
    JsonObject t1 = session.getAsJsonObject("SpSchema").getAsJsonObject("t1");
    t1.getAsJsonArray("ColIds").add("c98");
    t1.getAsJsonObject("ColDefs").add("c98", JsonParser.parseString(
        "{\"Name\":\"synth_id\",\"T\":{\"Name\":\"STRING\",\"IsArray\":false}}"));
    session.add("SyntheticPKeys",
        JsonParser.parseString("{\"t1\":{\"ColId\":\"c98\",\"Sequence\":0}}"));

    TableMapping parent1 = table(SessionFile.parse("s.json", session.toString()), "parent1");

    assertFalse(parent1.bySpannerColumn("synth_id").orElseThrow().hasSource());
    assertEquals(4, parent1.columns().size());
  }

  @Test
  void shouldReadArrayColumns() {
    JsonObject session = interleaveJson();
    JsonObject type = session.getAsJsonObject("SpSchema").getAsJsonObject("t1")
        .getAsJsonObject("ColDefs").getAsJsonObject("c6").getAsJsonObject("T");
    type.addProperty("IsArray", true);

    TableMapping parent1 = table(SessionFile.parse("s.json", session.toString()), "parent1");

    assertEquals(SpannerType.arrayOf("TIMESTAMP"),
        parent1.bySpannerColumn("update_ts").orElseThrow().spannerType());
  }

  @Test
  void shouldNotMapSpannerOnlyTables() {
    JsonObject session = interleaveJson();
    session.getAsJsonObject("SrcSchema").remove("t1");

    SessionSchemaMapping mapping = SessionFile.parse("s.json", session.toString());

    assertTrue(mapping.forSpannerTable("parent1").isEmpty());
    assertEquals(List.of("parent1"), mapping.spannerOnlyTables());
    assertEquals(3, mapping.spannerTables().size());
  }

  @Test
  void shouldAcceptConsistentIdMaps() {
    JsonObject session = interleaveJson();
    session.add("SpannerToID", JsonParser.parseString(
        "{\"child21\":{\"Name\":\"t3\",\"Cols\":{\"id\":\"c14\",\"child_id\":\"c13\"}}}"));
    session.add("SrcToID", JsonParser.parseString(
        "{\"child21\":{\"Name\":\"t3\",\"Cols\":{\"parent_id\":\"c14\"}}}"));

    TableMapping child21 = table(SessionFile.parse("s.json", session.toString()), "child21");

    assertEquals("parent_id", child21.bySpannerColumn("id").orElseThrow().sourceName());
  }

  @Test
  void shouldRejectIdMapContradictingTheSchema() {
    JsonObject session = interleaveJson();
    session.add("SpannerToID", JsonParser.parseString(
        "{\"child21\":{\"Name\":\"t3\",\"Cols\":{\"id\":\"c13\"}}}"));

    Problem problem = onlyProblem(invalid(session));

    assertEquals("$.SpannerToID.child21.Cols.id", problem.jsonPath());
    assertEquals("\"c13\"", problem.value());
  }

  @Test
  void shouldRejectMalformedJsonNamingLine() {
    String truncated = fixture(INTERLEAVE).substring(0, 500);

    InputFileException e = assertThrows(InputFileException.class,
        () -> SessionFile.parse("session.json", truncated));

    assertEquals("session.json", e.file());
    assertTrue(e.getMessage().contains("malformed JSON"), e.getMessage());
    assertTrue(e.getMessage().matches("(?s).*line \\d+ column \\d+.*"), e.getMessage());
  }

  @Test
  void shouldRejectMissingSpSchema() {
    JsonObject session = interleaveJson();
    session.remove("SpSchema");

    Problem problem = onlyProblem(invalid(session));

    assertEquals("$.SpSchema", problem.jsonPath());
    assertEquals(Problem.MISSING, problem.value());
    assertEquals("is required", problem.message());
  }

  @Test
  void shouldRejectColumnIdWithoutDefinition() {
    JsonObject session = interleaveJson();
    session.getAsJsonObject("SpSchema").getAsJsonObject("t3").getAsJsonArray("ColIds").add("c99");

    InputFileException e = invalid(session);

    Problem problem = onlyProblem(e);
    assertEquals("$.SpSchema.t3.ColIds[4]", problem.jsonPath());
    assertEquals("\"c99\"", problem.value());
    assertTrue(problem.message().contains("$.SpSchema.t3.ColDefs"), problem.message());
  }

  @Test
  void shouldRejectUnknownSpannerType() {
    JsonObject session = interleaveJson();
    session.getAsJsonObject("SpSchema").getAsJsonObject("t1").getAsJsonObject("ColDefs")
        .getAsJsonObject("c5").getAsJsonObject("T").addProperty("Name", "INT46");

    Problem problem = onlyProblem(invalid(session));

    assertEquals("$.SpSchema.t1.ColDefs.c5.T.Name", problem.jsonPath());
    assertEquals("\"INT46\"", problem.value());
  }

  @Test
  void shouldRejectShardIdColumnThatIsNoColumn() {
    JsonObject session = interleaveJson();
    session.getAsJsonObject("SpSchema").getAsJsonObject("t2").addProperty("ShardIdColumn", "c5");

    Problem problem = onlyProblem(invalid(session));

    assertEquals("$.SpSchema.t2.ShardIdColumn", problem.jsonPath());
    assertEquals("\"c5\"", problem.value());
  }

  @Test
  void shouldRejectSourcePrimaryKeyWithUnknownColumn() {
    JsonObject session = interleaveJson();
    session.getAsJsonObject("SrcSchema").getAsJsonObject("t4").getAsJsonArray("PrimaryKeys")
        .get(0).getAsJsonObject().addProperty("ColId", "c404");

    Problem problem = onlyProblem(invalid(session));

    assertEquals("$.SrcSchema.t4.PrimaryKeys[0].ColId", problem.jsonPath());
    assertEquals("\"c404\"", problem.value());
  }

  @Test
  void shouldRefuseSourceTypesTheWriterCannotWriteNamingTableAndColumn() {
    JsonObject session = interleaveJson();
    session.getAsJsonObject("SrcSchema").getAsJsonObject("t3").getAsJsonObject("ColDefs")
        .getAsJsonObject("c14").getAsJsonObject("Type").addProperty("Name", "geometry");

    Problem problem = onlyProblem(invalid(session));

    assertEquals("$.SrcSchema.t3.ColDefs.c14.Type.Name", problem.jsonPath());
    assertEquals("\"geometry\"", problem.value());
    assertEquals("is a MySQL type the writer does not write (source table child21, column"
        + " parent_id)", problem.message());
  }

  @Test
  void shouldAcceptSourceTypesWithCharacterSetAndCollation() {
    JsonObject session = interleaveJson();
    session.getAsJsonObject("SrcSchema").getAsJsonObject("t3").getAsJsonObject("ColDefs")
        .getAsJsonObject("c14").getAsJsonObject("Type")
        .addProperty("Name", "int UNSIGNED ZEROFILL");

    ColumnMapping column = SessionFile.parse("session.json", session.toString())
        .forSpannerTable("child21").orElseThrow().bySpannerColumn("id").orElseThrow();

    assertEquals(new SourceType("int", List.of(10L), true), column.sourceType());
  }

  @Test
  void shouldReportEveryProblemAtOnce() {
    JsonObject session = interleaveJson();
    JsonObject spSchema = session.getAsJsonObject("SpSchema");
    spSchema.getAsJsonObject("t1").remove("Name");
    JsonArray colIds = spSchema.getAsJsonObject("t2").getAsJsonArray("ColIds");
    colIds.set(0, JsonParser.parseString("7"));
    session.getAsJsonObject("SrcSchema").getAsJsonObject("t3").getAsJsonObject("ColDefs")
        .getAsJsonObject("c14").getAsJsonObject("Type").remove("Name");

    InputFileException e = invalid(session);

    assertEquals(List.of("$.SpSchema.t1.Name", "$.SpSchema.t2.ColIds[0]",
            "$.SrcSchema.t3.ColDefs.c14.Type.Name"),
        e.problems().stream().map(Problem::jsonPath).toList());
  }

  @Test
  void shouldLoadThroughBeamFileSystems(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("session.json");
    Files.writeString(file, fixture(INTERLEAVE));

    assertEquals(4, SessionFile.load(file.toString()).spannerTables().size());
  }

  @Test
  void shouldSurviveJavaSerialization() throws Exception {
    SessionSchemaMapping mapping = SessionFile.parse(INTERLEAVE, fixture(INTERLEAVE));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(mapping);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      SchemaMapping copy = (SchemaMapping) in.readObject();

      assertEquals(table(mapping, "child21"), table(copy, "child21"));
      assertEquals(mapping.spannerTables(), copy.spannerTables());
    }
  }
}
