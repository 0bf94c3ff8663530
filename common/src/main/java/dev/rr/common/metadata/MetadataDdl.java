package dev.rr.common.metadata;

import com.google.cloud.spanner.Dialect;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code CREATE TABLE} statements of the metadata tables for one dialect and suffix, loaded
 * from the {@code rr-metadata-ddl} resources {@code rr/ddl/spanner/<dialect>/V1__<table>.sql}.
 *
 * <p>The resources keep {@code --} comments that document each column; they are removed here,
 * together with a trailing {@code ;}, because the admin API takes bare statements.
 */
public final class MetadataDdl {
  /** Classpath folder of the Spanner DDL resources. */
  public static final String RESOURCE_ROOT = "rr/ddl/spanner/";

  /** Placeholder in the resources replaced by {@link MetadataTables#nameSuffix()}. */
  public static final String SUFFIX_PLACEHOLDER = "${suffix}";

  /** Schema version of the current table definitions, the resource-name prefix. */
  public static final String SCHEMA_VERSION = "V1";

  private final Dialect dialect;
  private final Map<String, String> statementsByTable;

  private MetadataDdl(Dialect dialect, Map<String, String> statementsByTable) {
    this.dialect = dialect;
    this.statementsByTable = statementsByTable;
  }

  /**
   * Loads and renders the DDL of every metadata table.
   *
   * @throws IllegalStateException when a resource is missing or does not create its table
   */
  public static MetadataDdl load(Dialect dialect, MetadataTables tables) {
    Objects.requireNonNull(dialect, "dialect");
    Objects.requireNonNull(tables, "tables");
    Map<String, String> statements = new LinkedHashMap<>();
    for (String baseName : MetadataTables.BASE_NAMES) {
      String path = resourcePath(dialect, baseName);
      String tableName = tables.name(baseName);
      String statement = render(readResource(path), tables.nameSuffix());
      if (!statement.contains(tableName + dialectQuote(dialect))) {
        throw new IllegalStateException(
            "DDL resource " + path + " does not create table " + tableName);
      }
      statements.put(tableName, statement);
    }
    return new MetadataDdl(dialect, Map.copyOf(statements));
  }

  /** The resource path of one table's DDL, e.g. {@code rr/ddl/spanner/googlesql/V1__x.sql}. */
  public static String resourcePath(Dialect dialect, String baseName) {
    return RESOURCE_ROOT + folder(dialect) + "/" + SCHEMA_VERSION + "__" + baseName + ".sql";
  }

  /** The dialect these statements are written in. */
  public Dialect dialect() {
    return dialect;
  }

  /** The statement creating {@code tableName} (a name from {@link MetadataTables}). */
  public String createTable(String tableName) {
    String statement = statementsByTable.get(tableName);
    if (statement == null) {
      throw new IllegalArgumentException(
          "'" + tableName + "' is not one of " + statementsByTable.keySet());
    }
    return statement;
  }

  /** The statements creating {@code tableNames}, in the order given. */
  public List<String> createTables(Collection<String> tableNames) {
    return tableNames.stream().map(this::createTable).toList();
  }

  private static String folder(Dialect dialect) {
    return switch (dialect) {
      case GOOGLE_STANDARD_SQL -> "googlesql";
      case POSTGRESQL -> "postgresql";
    };
  }

  private static String dialectQuote(Dialect dialect) {
    return dialect == Dialect.POSTGRESQL ? "\"" : "`";
  }

  private static String readResource(String path) {
    ClassLoader loader = MetadataDdl.class.getClassLoader();
    try (InputStream in = loader.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException(
            "DDL resource " + path + " is not on the classpath (is rr-metadata-ddl missing?)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read DDL resource " + path, e);
    }
  }

  /** Strips comments and the trailing semicolon, then fills in the suffix. */
  static String render(String resourceText, String nameSuffix) {
    String statement = stripComments(resourceText).strip();
    if (statement.endsWith(";")) {
      statement = statement.substring(0, statement.length() - 1).strip();
    }
    if (statement.contains(";")) {
      throw new IllegalStateException("a DDL resource must hold exactly one statement");
    }
    String rendered = statement.replace(SUFFIX_PLACEHOLDER, nameSuffix);
    if (rendered.contains("${")) {
      throw new IllegalStateException("unknown placeholder left in DDL: " + rendered);
    }
    return rendered;
  }

  /** Removes {@code --} comments outside quoted text, keeping line breaks. */
  static String stripComments(String sql) {
    StringBuilder out = new StringBuilder(sql.length());
    char quote = 0;
    int i = 0;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
        out.append(c);
        i++;
      } else if (c == '-' && i + 1 < sql.length() && sql.charAt(i + 1) == '-') {
        // Skip to the end of the line; the newline itself is kept.
        while (i < sql.length() && sql.charAt(i) != '\n') {
          i++;
        }
      } else {
        if (c == '\'' || c == '"' || c == '`') {
          quote = c;
        }
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }
}
