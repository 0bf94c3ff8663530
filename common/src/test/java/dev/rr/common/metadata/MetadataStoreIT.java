package dev.rr.common.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.spanner.DatabaseAdminClient;
import com.google.cloud.spanner.DatabaseId;
import com.google.cloud.spanner.Dialect;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MetadataStoreIT {
  @RegisterExtension static MetadataTestDatabases databases = new MetadataTestDatabases();

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void shouldDetectTheDialectOfTheMetadataDatabase(Dialect dialect) {
    MetadataStore store =
        databases.store(databases.newDatabase(dialect), MetadataTables.withoutSuffix());

    assertEquals(dialect, store.dialect());
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void shouldCreateAllTablesOnceAndNothingOnSecondCall(Dialect dialect) {
    MetadataTables tables = MetadataTables.withoutSuffix();
    MetadataStore store =
        databases.store(databases.newDatabase(dialect), tables);

    assertEquals(tables.all(), store.missingTables());
    assertEquals(tables.all(), store.createMissingTables());
    assertEquals(List.of(), store.missingTables());
    assertEquals(List.of(), store.createMissingTables());
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void shouldCreateOnlyTheTablesThatAreMissing(Dialect dialect) throws Exception {
    MetadataTables tables = MetadataTables.withSuffix("blue");
    DatabaseId id = databases.newDatabase(dialect);
    DatabaseAdminClient admin = databases.spanner().getDatabaseAdminClient();
    String runDdl = MetadataDdl.load(dialect, tables).createTable(tables.run());
    String instance = id.getInstanceId().getInstance();
    admin.updateDatabaseDdl(instance, id.getDatabase(), List.of(runDdl), null).get();
    MetadataStore store = databases.store(id, tables);

    List<String> created = store.createMissingTables();

    assertEquals(List.of(tables.fileCreateProgress(), tables.fileProcessProgress()), created);
    assertEquals(List.of(), store.missingTables());
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void shouldKeepSuffixedAndPlainTablesApartInOneDatabase(Dialect dialect) {
    DatabaseId id = databases.newDatabase(dialect);
    MetadataStore plain = databases.store(id, MetadataTables.withoutSuffix());
    MetadataStore suffixed =
        databases.store(id, MetadataTables.withSuffix("Run_7"));

    plain.createMissingTables();

    assertEquals(MetadataTables.withSuffix("Run_7").all(), suffixed.missingTables());
    assertEquals(3, suffixed.createMissingTables().size());
    assertEquals(List.of(), plain.missingTables());
  }

  @Test
  void shouldCreateEveryTableExactlyOnceWhenReaderAndWriterBootstrapTogether() throws Exception {
    MetadataTables tables = MetadataTables.withoutSuffix();
    DatabaseId id = databases.newDatabase(Dialect.GOOGLE_STANDARD_SQL);
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<List<String>>> results = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        MetadataStore store = databases.store(id, tables);
        results.add(pool.submit(store::createMissingTables));
      }
      List<String> createdByAnyone = new ArrayList<>();
      for (Future<List<String>> result : results) {
        createdByAnyone.addAll(result.get());
      }

      assertEquals(tables.all().size(), createdByAnyone.size(), createdByAnyone.toString());
      assertTrue(createdByAnyone.containsAll(tables.all()));
      assertEquals(List.of(), databases.store(id, tables).missingTables());
    } finally {
      pool.shutdownNow();
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void shouldCreateDatabaseOnlyWhenMissing(Dialect dialect) {
    DatabaseAdminClient admin = databases.spanner().getDatabaseAdminClient();
    DatabaseId id = databases.unusedDatabaseId();

    assertTrue(MetadataStore.createDatabaseIfMissing(admin, id, dialect));
    assertFalse(MetadataStore.createDatabaseIfMissing(admin, id, dialect));
    assertEquals(
        dialect,
        databases.store(id, MetadataTables.withoutSuffix()).dialect());
  }
}
