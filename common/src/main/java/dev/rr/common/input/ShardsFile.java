package dev.rr.common.input;

import com.google.gson.JsonPrimitive;
import dev.rr.common.config.WriterConfig.SourceType;
import dev.rr.common.input.InputFileException.Problem;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the shards file: a JSON array of {@code {logicalShardId, host, port, user, password |
 * secretManagerUri, dbName, connectionProperties?}}, and for PostgreSQL shards an optional {@code
 * schemaName} (default {@value #DEFAULT_SCHEMA}) and an optional port (default 5432). Unknown
 * fields are ignored. Every problem of
 * the file is reported at once in one {@link InputFileException}; secrets are resolved only once
 * the file is otherwise valid.
 */
public final class ShardsFile {
  static final String PASSWORD = "password";
  static final String SECRET_MANAGER_URI = "secretManagerUri";
  static final String SCHEMA_NAME = "schemaName";
  /** Schema of a PostgreSQL shard's tables when its entry names none. */
  public static final String DEFAULT_SCHEMA = "public";

  private ShardsFile() {}

  /** Reads and validates the MySQL shards file at {@code path} (local path or {@code gs://} URI). */
  public static List<Shard> load(String path, SecretResolver secrets) {
    return load(path, secrets, SourceType.MYSQL);
  }

  /** Reads and validates the shards file at {@code path}, its shards of type {@code type}. */
  public static List<Shard> load(String path, SecretResolver secrets, SourceType type) {
    return parse(path, InputFiles.readInputFile(path), secrets, type);
  }

  /** Validates MySQL shards file content {@code json}; {@code fileName} names it in errors. */
  public static List<Shard> parse(String fileName, String json, SecretResolver secrets) {
    return parse(fileName, json, secrets, SourceType.MYSQL);
  }

  /** Validates shards file content {@code json} of shards of type {@code type}. */
  public static List<Shard> parse(
      String fileName, String json, SecretResolver secrets, SourceType type) {
    JsonCursor root = JsonCursor.parse(fileName, json);
    if (!root.element().isJsonArray()) {
      root.problem("must be a JSON array of shards");
      root.throwIfProblems(fileName);
    }
    List<JsonCursor> entries = root.elements();
    if (entries.isEmpty()) {
      root.problem("must list at least one shard");
    }
    List<Entry> parsed = new ArrayList<>();
    Map<String, String> pathById = new HashMap<>();
    for (JsonCursor entry : entries) {
      if (entry.isObject()) {
        parsed.add(parseEntry(entry, pathById, type));
      } else {
        entry.problem("must be a JSON object describing one shard");
      }
    }
    // Every entry is valid from here on, so no field of an Entry is null.
    root.throwIfProblems(fileName);
    return resolveSecrets(fileName, parsed, secrets);
  }

  private static Entry parseEntry(
      JsonCursor entry, Map<String, String> pathById, SourceType type) {
    JsonCursor idField = entry.field("logicalShardId");
    String id = idField.requiredString();
    if (id != null) {
      if (id.indexOf('/') >= 0 || id.equals(".") || id.equals("..") || !id.equals(id.strip())) {
        idField.problem("must not contain '/', be '.' or '..', or start or end with whitespace "
            + "(it names the shard's buffer directory)");
      } else if (pathById.containsKey(id)) {
        idField.problem("must be unique, but " + pathById.get(id) + " has the same id");
      } else {
        pathById.put(id, idField.path());
      }
    }
    String host = entry.field("host").requiredString();
    JsonCursor portField = entry.field("port");
    int port = type == SourceType.POSTGRESQL && portField.isMissing()
        ? type.defaultPort() : port(portField);
    String user = entry.field("user").requiredString();
    String dbName = entry.field("dbName").requiredString();
    JsonCursor password = entry.field(PASSWORD);
    JsonCursor secretUri = entry.field(SECRET_MANAGER_URI);
    Credential credential = credential(entry, password, secretUri);
    Map<String, String> properties = connectionProperties(entry.field("connectionProperties"));
    String schema = schemaName(entry.field(SCHEMA_NAME), type);
    return new Entry(entry.path(), id, host, port, user, credential, dbName, properties, schema);
  }

  private static int port(JsonCursor field) {
    if (field.isMissing()) {
      field.problem("is required");
      return 0;
    }
    Optional<BigDecimal> number = Optional.empty();
    if (field.element().isJsonPrimitive()) {
      JsonPrimitive primitive = field.element().getAsJsonPrimitive();
      try {
        if (primitive.isNumber()) {
          number = Optional.of(primitive.getAsBigDecimal());
        } else if (primitive.isString() && primitive.getAsString().strip().matches("\\d{1,9}")) {
          number = Optional.of(new BigDecimal(primitive.getAsString().strip()));
        }
      } catch (NumberFormatException notANumber) {
        number = Optional.empty();
      }
    }
    if (number.isEmpty()
        || number.get().stripTrailingZeros().scale() > 0
        || number.get().compareTo(BigDecimal.ONE) < 0
        || number.get().compareTo(BigDecimal.valueOf(65535)) > 0) {
      field.problem("must be a whole number from 1 to 65535 (a JSON number or string)");
      return 0;
    }
    return number.get().intValueExact();
  }

  /** The PostgreSQL schema; null for MySQL, which has none besides the database. */
  private static String schemaName(JsonCursor field, SourceType type) {
    if (type != SourceType.POSTGRESQL) {
      if (!field.isMissing()) {
        field.problem("is only for sourceType postgresql (a MySQL database is its own schema)");
      }
      return null;
    }
    return field.isMissing() ? DEFAULT_SCHEMA : field.requiredString();
  }

  private static Credential credential(
      JsonCursor entry, JsonCursor password, JsonCursor secretUri) {
    if (!password.isMissing() && !secretUri.isMissing()) {
      entry.problem("must have exactly one of password or secretManagerUri, not both");
      return null;
    }
    if (password.isMissing() && secretUri.isMissing()) {
      entry.problem("must have exactly one of password or secretManagerUri");
      return null;
    }
    if (!password.isMissing()) {
      if (!password.isString()) {
        password.redactedProblem("must be a string");
        return null;
      }
      // An empty password is legitimate (e.g. a local server's root account).
      return new Credential(password.element().getAsString(), null);
    }
    String uri = secretUri.requiredString();
    return uri == null ? null : new Credential(null, uri);
  }

  private static Map<String, String> connectionProperties(JsonCursor field) {
    Map<String, String> properties = new LinkedHashMap<>();
    if (field.isMissing()) {
      return properties;
    }
    if (field.isString()) {
      for (String pair : field.element().getAsString().split("&")) {
        if (!pair.isBlank()) {
          int equals = pair.indexOf('=');
          properties.put(
              equals < 0 ? pair.strip() : pair.substring(0, equals).strip(),
              equals < 0 ? "" : pair.substring(equals + 1));
        }
      }
      checkPropertyNames(field, properties);
      return properties;
    }
    if (!field.isObject()) {
      field.problem("must be a JSON object of name to value, or a string 'a=1&b=2'");
      return properties;
    }
    for (Map.Entry<String, JsonCursor> property : field.fields().entrySet()) {
      JsonCursor value = property.getValue();
      if (!value.element().isJsonPrimitive()) {
        value.problem("must be a string, number or boolean");
      } else {
        properties.put(property.getKey(), value.element().getAsString());
      }
    }
    checkPropertyNames(field, properties);
    return properties;
  }

  private static void checkPropertyNames(JsonCursor field, Map<String, String> properties) {
    for (String name : properties.keySet()) {
      if (name.isEmpty()) {
        field.problem("must not contain a property with an empty name");
      } else if (name.equalsIgnoreCase("user") || name.equalsIgnoreCase(PASSWORD)) {
        // Shown without values: this map may carry a password by mistake.
        field.redactedProblem("must not set '" + name + "': use the shard's own field");
      }
    }
  }

  private static List<Shard> resolveSecrets(
      String fileName, List<Entry> entries, SecretResolver secrets) {
    List<Shard> shards = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    Exception firstFailure = null;
    for (Entry entry : entries) {
      String password = entry.credential.password;
      if (password == null) {
        try {
          password = secrets.resolve(entry.credential.secretUri);
          if (password == null) {
            throw new IOException("the resolver returned no secret");
          }
        } catch (IOException | IllegalArgumentException e) {
          problems.add(new Problem(entry.path + "." + SECRET_MANAGER_URI,
              '"' + entry.credential.secretUri + '"', "cannot be resolved: " + e.getMessage()));
          firstFailure = firstFailure == null ? e : firstFailure;
          continue;
        }
      }
      Shard shard = new Shard(entry.id, entry.host, entry.port, entry.user, password, entry.dbName,
          entry.properties);
      shards.add(entry.schema == null ? shard : shard.asPostgres(entry.schema));
    }
    if (!problems.isEmpty()) {
      throw new InputFileException(fileName, problems, firstFailure);
    }
    return List.copyOf(shards);
  }

  private record Credential(String password, String secretUri) {
    @Override
    public String toString() {
      return "Credential{secretUri=" + secretUri + "}";
    }
  }

  private record Entry(String path, String id, String host, int port, String user,
      Credential credential, String dbName, Map<String, String> properties, String schema) {}
}
