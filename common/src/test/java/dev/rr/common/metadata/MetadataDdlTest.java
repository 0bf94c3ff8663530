package dev.rr.common.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.spanner.Dialect;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MetadataDdlTest {
  private static final Pattern COLUMN_LINE =
      Pattern.compile("^\\s+([a-z_]+) [A-Z]", Pattern.MULTILINE);

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void shouldRenderOneQuotedCreateTablePerTableWithoutSuffix(Dialect dialect) {
    MetadataTables tables = MetadataTables.withoutSuffix();
    MetadataDdl ddl = MetadataDdl.load(dialect, tables);
    String q = dialect == Dialect.POSTGRESQL ? "\"" : "`";

    for (String table : tables.all()) {
      String statement = ddl.createTable(table);
      assertTrue(statement.startsWith("CREATE TABLE " + q + table + q + " ("), statement);
      assertFalse(statement.contains("--"), statement);
      assertFalse(statement.contains("${"), statement);
      assertFalse(statement.endsWith(";"), statement);
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void shouldPutSuffixIntoEveryTableName(Dialect dialect) {
    MetadataTables tables = MetadataTables.withSuffix("green");
    MetadataDdl ddl = MetadataDdl.load(dialect, tables);

    List<String> statements = ddl.createTables(tables.all());

    assertEquals(3, statements.size());
    assertTrue(statements.get(0).contains("spanner_to_gcs_metadata_green"));
    assertTrue(statements.get(1).contains("shard_file_create_progress_green"));
    assertTrue(statements.get(2).contains("shard_file_process_progress_green"));
  }

  @Test
  void shouldDeclareTheSameColumnsInBothDialects() {
    MetadataTables tables = MetadataTables.withoutSuffix();
    MetadataDdl google = MetadataDdl.load(Dialect.GOOGLE_STANDARD_SQL, tables);
    MetadataDdl postgres = MetadataDdl.load(Dialect.POSTGRESQL, tables);

    for (String table : tables.all()) {
      assertEquals(
          columns(google.createTable(table)), columns(postgres.createTable(table)), table);
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void shouldDeclareExactlyTheColumnsTheDaosUse(Dialect dialect) {
    MetadataTables tables = MetadataTables.withoutSuffix();
    MetadataDdl ddl = MetadataDdl.load(dialect, tables);

    assertEquals(
        new TreeSet<>(RunMetadataDao.COLUMNS), columns(ddl.createTable(tables.run())));
    assertEquals(
        new TreeSet<>(
            List.of(
                FileCreateProgressDao.RUN_ID,
                FileCreateProgressDao.SHARD,
                FileCreateProgressDao.CREATED_UPTO,
                FileCreateProgressDao.UPDATED_AT)),
        columns(ddl.createTable(tables.fileCreateProgress())));
    assertEquals(
        new TreeSet<>(FileProcessProgressDao.COLUMNS),
        columns(ddl.createTable(tables.fileProcessProgress())));
  }

  @Test
  void shouldStoreTimesAsTimestampsNeverStrings() {
    MetadataDdl ddl = MetadataDdl.load(Dialect.GOOGLE_STANDARD_SQL, MetadataTables.withoutSuffix());
    String process = ddl.createTable("shard_file_process_progress");

    assertTrue(process.contains("processed_upto TIMESTAMP NOT NULL"), process);
    assertTrue(process.contains("last_commit_timestamp TIMESTAMP,"), process);
    assertTrue(
        ddl.createTable("shard_file_create_progress").contains("created_upto TIMESTAMP NOT NULL"));
    assertTrue(
        ddl.createTable("spanner_to_gcs_metadata").contains("window_duration_ms INT64 NOT NULL"));
  }

  @Test
  void shouldNameResourcesByDialectVersionAndTable() {
    assertEquals(
        "rr/ddl/spanner/postgresql/V1__shard_file_create_progress.sql",
        MetadataDdl.resourcePath(Dialect.POSTGRESQL, "shard_file_create_progress"));
    assertEquals(
        "rr/ddl/spanner/googlesql/V1__spanner_to_gcs_metadata.sql",
        MetadataDdl.resourcePath(Dialect.GOOGLE_STANDARD_SQL, "spanner_to_gcs_metadata"));
  }

  @Test
  void shouldKeepDashesInsideQuotedText() {
    String sql = "CREATE TABLE `a--b` (x STRING(MAX) DEFAULT ('--')) -- gone\n";

    assertEquals("CREATE TABLE `a--b` (x STRING(MAX) DEFAULT ('--')) \n",
        MetadataDdl.stripComments(sql));
  }

  @Test
  void shouldRejectUnknownPlaceholder() {
    assertThrows(
        IllegalStateException.class, () -> MetadataDdl.render("CREATE TABLE t${other} ()", ""));
  }

  @Test
  void shouldRejectMoreThanOneStatementPerResource() {
    assertThrows(
        IllegalStateException.class,
        () -> MetadataDdl.render("CREATE TABLE a (); CREATE TABLE b ();", ""));
  }

  @Test
  void shouldRejectTableNameItDoesNotKnow() {
    MetadataDdl ddl = MetadataDdl.load(Dialect.POSTGRESQL, MetadataTables.withSuffix("x"));

    assertThrows(IllegalArgumentException.class, () -> ddl.createTable("spanner_to_gcs_metadata"));
  }

  private static Set<String> columns(String statement) {
    Set<String> columns = new TreeSet<>();
    Matcher m = COLUMN_LINE.matcher(statement);
    while (m.find()) {
      columns.add(m.group(1));
    }
    return columns;
  }
}
