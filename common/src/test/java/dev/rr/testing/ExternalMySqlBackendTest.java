package dev.rr.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ExternalMySqlBackendTest {

  @Test
  void shouldTakeCredentialsFromUrlAndKeepOtherProperties() {
    ExternalMySqlBackend backend = ExternalMySqlBackend.parse(
        "jdbc:mysql://db.local:3307/ignored?user=alice&password=s3cret&useSSL=false", null, null);

    assertEquals("alice", backend.user());
    assertEquals("s3cret", backend.password());
    assertEquals("jdbc:mysql://db.local:3307/shard1?useSSL=false", backend.jdbcUrl("shard1"));
    MySqlTestServer server = backend.newServer();
    assertEquals("db.local", server.host());
    assertEquals(3307, server.port());
  }

  @Test
  void shouldUseDefaultPortAndGivenCredentialsWhenUrlHasNone() {
    ExternalMySqlBackend backend = ExternalMySqlBackend.parse("jdbc:mysql://db.local", "bob", "pw");

    assertEquals("bob", backend.user());
    assertEquals("pw", backend.password());
    assertEquals(3306, backend.newServer().port());
    assertEquals("jdbc:mysql://db.local/x", backend.jdbcUrl("x"));
  }

  @Test
  void shouldRejectUrlOfAnotherDriver() {
    assertThrows(IllegalArgumentException.class,
        () -> ExternalMySqlBackend.parse("jdbc:postgresql://db.local/x", null, null));
  }

  @Test
  void shouldFailClearlyWhenTestNeedsToStopExternalServer() {
    MySqlTestServer server = ExternalMySqlBackend.parse("jdbc:mysql://db.local:3306/", null, null).newServer();

    assertFalse(server.canStop());
    UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, server::stop);
    assertTrue(e.getMessage().contains(MySqlExtension.URL_ENV), e.getMessage());
  }
}
