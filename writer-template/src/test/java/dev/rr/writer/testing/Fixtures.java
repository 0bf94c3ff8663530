package dev.rr.writer.testing;

import dev.rr.common.input.SessionFile;
import dev.rr.common.schema.SchemaMapping;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** The shared fixtures (in the common test-jar, under {@code fixtures/}) and small SQL helpers. */
public final class Fixtures {
  private Fixtures() {}

  /** A classpath resource as text. */
  public static String resource(String path) {
    try (InputStream in = Fixtures.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException(path + " is not on the test classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The interleave fixture's session file. */
  public static SchemaMapping interleaveSession() {
    return SessionFile.parse("interleave/session.json",
        resource("/fixtures/interleave/session.json"));
  }

  /** Runs every {@code ;}-separated statement of {@code script}. */
  public static void execute(Connection connection, String script) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      for (String sql : script.split(";")) {
        if (!sql.isBlank()) {
          statement.execute(sql);
        }
      }
    }
  }

  /** Creates the interleave fixture's MySQL tables. */
  public static void createInterleaveTables(Connection connection) throws SQLException {
    execute(connection, resource("/fixtures/interleave/mysql-schema.sql"));
  }

  /** Creates the interleave fixture's PostgreSQL tables (foreign keys DEFERRABLE). */
  public static void createInterleavePostgresTables(Connection connection) throws SQLException {
    execute(connection, resource("/fixtures/interleave/postgresql-schema.sql"));
  }

  /** A single-value query. */
  public static long count(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        var rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
