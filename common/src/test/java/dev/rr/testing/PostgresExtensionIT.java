package dev.rr.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PostgresExtensionIT {

  @RegisterExtension static PostgresExtension postgres = new PostgresExtension();

  @Test
  @Order(1)
  void shouldGiveEachTestItsOwnDatabaseOnSeparateClusters() throws SQLException {
    PostgresTestDatabase first = postgres.newDatabase(0);
    PostgresTestDatabase second = postgres.newDatabase(1);

    assertNotEquals(first.port(), second.port());
    assertNotEquals(first.name(), second.name());
    try (Connection c = first.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT current_database()")) {
      assertTrue(rs.next());
      assertEquals(first.name(), rs.getString(1));
    }
  }

  @Test
  @Order(2)
  void shouldLeaveClusterStoppedByTest() {
    postgres.server(1).stop();
  }

  @Test
  @Order(3)
  void shouldStartClusterAnEarlierTestLeftStopped() throws SQLException {
    assertTrue(postgres.server(1).isRunning());
    try (Connection c = postgres.newDatabase(1).connect()) {
      assertTrue(c.isValid(2));
    }
  }
}
