package dev.rr.launcher.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The PostgreSQL DDL of random schemas: the MySQL schema's tables, keys and actions in PostgreSQL's terms. */
class SchemaDdlTest {

  @Test
  void shouldWritePostgresTablesWithDeferrableForeignKeysAndNoMySqlSyntax() {
    for (long seed : new long[] {39, 47}) {
      RandomSchema schema = RandomSchema.generate(seed);
      List<String> postgres = SchemaDdl.postgres(schema);
      List<String> mysql = SchemaDdl.mysql(schema);

      assertEquals(mysql.size(), postgres.size(), "one statement per MySQL statement: " + postgres);
      for (String ddl : postgres) {
        assertTrue(!ddl.contains("`") && !ddl.contains("COLLATE") && !ddl.contains("ENGINE")
            && !ddl.contains(RandomSchema.SHARD_COLUMN), ddl);
        if (ddl.contains("FOREIGN KEY")) {
          assertTrue(ddl.endsWith(" DEFERRABLE INITIALLY IMMEDIATE"), ddl);
        }
      }
      assertEquals(mysql.stream().filter(d -> d.contains("ON DELETE CASCADE")).count(),
          postgres.stream().filter(d -> d.contains("ON DELETE CASCADE")).count(), postgres.toString());
    }
  }

  @Test
  void shouldMapEveryKindToAPostgresTypeOfItsRange() {
    RandomSchema schema = RandomSchema.generate(39);
    String tab1 = SchemaDdl.postgres(schema).get(0);

    assertTrue(tab1.startsWith("CREATE TABLE \"tab1\" (\"k1_1\" bigint NOT NULL"), tab1);
    assertTrue(tab1.contains("timestamp(6) without time zone NULL"), tab1);
    assertTrue(tab1.contains("bytea NOT NULL"), tab1);
    assertTrue(tab1.contains("PRIMARY KEY (\"k1_1\")"), tab1);
    assertTrue(tab1.contains("CONSTRAINT \"ux_tab1\" UNIQUE (\"m_code\")"), tab1);
    assertEquals("boolean", RandomSchema.Kind.BOOL.postgresType);
    assertEquals("integer", RandomSchema.Kind.INT32.postgresType);
    assertEquals("numeric(38,9)", RandomSchema.Kind.DECIMAL.postgresType);
  }
}
