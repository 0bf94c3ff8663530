package dev.rr.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The RR_TEST_MYSQL_URL path, pointed at a server of the harness so that it runs everywhere. */
class ExternalMySqlBackendIT {

  @RegisterExtension static MySqlExtension mysql = new MySqlExtension();

  @Test
  void shouldCreateFreshDatabasesOnServerGivenByUrl() throws SQLException {
    MySqlTestDatabase any = mysql.newDatabase();
    String url = "jdbc:mysql://" + any.host() + ":" + any.port() + "/?user=" + any.user() + "&password=" + any.password();
    MySqlTestServer external = ExternalMySqlBackend.parse(url, null, null).newServer();

    MySqlTestDatabase db = external.newDatabase();

    try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT DATABASE()")) {
      assertTrue(rs.next());
      assertEquals(db.name(), rs.getString(1));
    }
  }
}
