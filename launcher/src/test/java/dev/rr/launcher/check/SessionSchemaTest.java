package dev.rr.launcher.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rr.launcher.check.RandomSchema.Kind;
import dev.rr.launcher.check.RandomSchema.Role;
import dev.rr.launcher.check.RandomSchema.Table;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionSchemaTest {
  private static final String SHOP = "/check/shop-session.json";

  @Test
  void shouldReadTheTablesOfASessionFileParentsAndReferencedTablesFirst() throws IOException {
    List<Table> tables = SessionSchema.read(SHOP, resource(SHOP));

    List<String> names = tables.stream().map(Table::spanner).toList();
    assertEquals(4, names.size());
    assertTrue(names.indexOf("Users") < names.indexOf("Orders"), names.toString());
    assertTrue(names.indexOf("Products") < names.indexOf("Reviews"), names.toString());
    Table orders = table(tables, "Orders");
    assertEquals("orders", orders.mysql());
    assertEquals("Users", orders.parent());
    assertTrue(orders.shardInKey());
    assertEquals(List.of("migration_shard_id", "id", "order_id"), orders.key());
    assertEquals(List.of("id", "order_id"), orders.sourceKey());
    assertEquals("user_id", orders.column("id").mysql());
    assertEquals(Kind.INT32, orders.column("amount").kind());
    assertEquals(Kind.BYTES, orders.column("payload").kind());
    Table products = table(tables, "Products");
    assertFalse(products.shardInKey());
    assertEquals("sku", products.unique().orElseThrow().spanner());
    assertEquals(Kind.KEY_TEXT, products.unique().orElseThrow().kind());
    assertEquals(Role.VALUE, products.column("price").role());
    Table reviews = table(tables, "Reviews");
    assertEquals("Products", reviews.references());
    assertEquals("product_id", reviews.reference().orElseThrow().spanner());
    assertEquals("review_text", reviews.column("body").mysql());
    assertNull(table(tables, "Users").references());
  }

  @Test
  void shouldWriteTheScratchDdlOfBothSidesFromTheSessionTypes() throws IOException {
    RandomSchema schema = RandomSchema.of(1, SessionSchema.read(SHOP, resource(SHOP)));

    List<String> spanner = SchemaDdl.spanner(schema);
    List<String> mysql = SchemaDdl.mysql(schema);

    assertTrue(spanner.contains("CREATE TABLE Orders (migration_shard_id STRING(50) NOT NULL, id INT64 NOT NULL,"
        + " order_id INT64 NOT NULL, amount INT64, note STRING(MAX), payload BYTES(MAX), ship_date DATE)"
        + " PRIMARY KEY (migration_shard_id, id, order_id), INTERLEAVE IN PARENT Users ON DELETE CASCADE"),
        String.join("\n", spanner));
    assertTrue(spanner.contains("CREATE UNIQUE INDEX ux_Products ON Products (sku)"), String.join("\n", spanner));
    assertTrue(spanner.contains("ALTER TABLE Reviews ADD CONSTRAINT fk_Reviews FOREIGN KEY (product_id)"
        + " REFERENCES Products (id)"), String.join("\n", spanner));
    assertTrue(mysql.contains("CREATE TABLE `orders` (`user_id` bigint(20) NOT NULL, `order_id` int(11) NOT NULL,"
        + " `amount` int(11) NULL DEFAULT NULL, `note` text NULL DEFAULT NULL, `payload` blob NULL DEFAULT NULL,"
        + " `ship_date` date NULL DEFAULT NULL, PRIMARY KEY (`user_id`, `order_id`)) ENGINE=InnoDB"),
        String.join("\n", mysql));
    assertTrue(mysql.stream().anyMatch(d -> d.contains("`balance` decimal(38,9)")), String.join("\n", mysql));
    assertTrue(mysql.stream().noneMatch(d -> d.contains("migration_shard_id")), String.join("\n", mysql));
  }

  @Test
  void shouldRefuseWhatTheGeneratorCannotWriteNamingTableColumnAndType() throws IOException {
    // common's 2023 fixture: decimal(10,2) rounds the generated values, an unsigned int value
    // column, a Spanner-only synthetic key, a table without the shard id column the others have.
    String fixture = "/fixtures/session-variants/id-keyed-sharded.json";

    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> SessionSchema.read(fixture, resource(fixture)));

    String message = refused.getMessage();
    assertTrue(message.contains("table Users, column balance (NUMERIC -> decimal(10,2)): a NUMERIC value column"
        + " must be decimal(p,s) with s >= 9 and p - s >= 18"), message);
    assertTrue(message.contains("table Orders, column amount (INT64 -> int(10) unsigned): an INT64 value column must be a signed int or bigint"), message);
    assertTrue(message.contains("table audit, column synth_id (INT64): exists only in Spanner"), message);
  }

  @Test
  void shouldRefuseAChildWhoseMySqlKeyIsNotItsSpannerKey() throws IOException {
    String fixture = "/fixtures/interleave/session.json";

    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> SessionSchema.read(fixture, resource(fixture)));

    assertTrue(refused.getMessage().contains("table child21: its MySQL key"), refused.getMessage());
  }

  private static Table table(List<Table> tables, String name) {
    return tables.stream().filter(t -> t.spanner().equals(name)).findFirst().orElseThrow();
  }

  private static String resource(String path) throws IOException {
    try (InputStream in = SessionSchemaTest.class.getResourceAsStream(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
