package dev.rr.common.input;

import dev.rr.common.config.WriterConfig.SourceType;
import java.io.Serializable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * One logical shard from the shards file - a MySQL database, or a PostgreSQL database and schema
 * ({@link #asPostgres}) - with its password already resolved. Serializable because pipelines ship
 * it to workers. The password is never part of {@link #toString()} nor of
 * {@link #jdbcUrl()}: pass it with {@link #jdbcProperties()}.
 */
public final class Shard implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String logicalShardId;
  private final String host;
  private final int port;
  private final String user;
  private final String password;
  private final String dbName;
  private final Map<String, String> connectionProperties;
  private final SourceType sourceType;
  /** PostgreSQL schema holding the tables; null for MySQL (a database is its own schema). */
  private final String schemaName;

  /**
   * @param connectionProperties extra Connector/J properties (e.g. {@code useSSL}); never
   *     {@code user} or {@code password}
   */
  public Shard(
      String logicalShardId,
      String host,
      int port,
      String user,
      String password,
      String dbName,
      Map<String, String> connectionProperties) {
    this(SourceType.MYSQL, null, logicalShardId, host, port, user, password, dbName,
        connectionProperties);
  }

  private Shard(SourceType sourceType, String schemaName, String logicalShardId, String host,
      int port, String user, String password, String dbName,
      Map<String, String> connectionProperties) {
    this.sourceType = sourceType;
    this.schemaName = schemaName;
    this.logicalShardId = requireText(logicalShardId, "logicalShardId");
    this.host = requireText(host, "host");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1..65535 but was " + port);
    }
    this.port = port;
    this.user = requireText(user, "user");
    this.password = Objects.requireNonNull(password, "password");
    this.dbName = requireText(dbName, "dbName");
    Map<String, String> properties = new LinkedHashMap<>(
        connectionProperties == null ? Map.of() : connectionProperties);
    for (String key : properties.keySet()) {
      if (key.equalsIgnoreCase("user") || key.equalsIgnoreCase("password")) {
        throw new IllegalArgumentException(
            "connection property '" + key + "' is not allowed: use the shard's own field");
      }
    }
    this.connectionProperties = Collections.unmodifiableMap(properties);
  }

  /**
   * This shard as a PostgreSQL database whose replicated tables (and checkpoint table) live in
   * schema {@code schemaName}.
   */
  public Shard asPostgres(String schemaName) {
    return new Shard(SourceType.POSTGRESQL, requireText(schemaName, "schemaName"), logicalShardId,
        host, port, user, password, dbName, connectionProperties);
  }

  /** The kind of database the shard is. */
  public SourceType sourceType() {
    return sourceType;
  }

  /** The PostgreSQL schema of the shard's tables; empty for MySQL. */
  public Optional<String> schemaName() {
    return Optional.ofNullable(schemaName);
  }

  private static String requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be empty");
    }
    return value;
  }

  public String logicalShardId() {
    return logicalShardId;
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  public String user() {
    return user;
  }

  /** The resolved password; never log it. */
  public String password() {
    return password;
  }

  public String dbName() {
    return dbName;
  }

  /** Extra Connector/J properties, in file order. */
  public Map<String, String> connectionProperties() {
    return connectionProperties;
  }

  /**
   * The JDBC URL {@code jdbc:mysql://host:port/db?prop=value&...} (Connector/J) or {@code
   * jdbc:postgresql://...} (PostgreSQL's driver) with the connection properties ({@link
   * #urlProperties}) as URL parameters, URL-encoded. It carries no credentials.
   */
  public String jdbcUrl() {
    StringBuilder url = new StringBuilder(
        sourceType == SourceType.POSTGRESQL ? "jdbc:postgresql://" : "jdbc:mysql://");
    // An IPv6 literal needs brackets so that its colons are not read as the port separator.
    boolean ipv6 = host.indexOf(':') >= 0 && !host.startsWith("[");
    url.append(ipv6 ? "[" + host + "]" : host).append(':').append(port).append('/');
    url.append(encode(dbName));
    char separator = '?';
    for (Map.Entry<String, String> property : urlProperties().entrySet()) {
      url.append(separator).append(encode(property.getKey())).append('=')
          .append(encode(property.getValue()));
      separator = '&';
    }
    return url.toString();
  }

  /**
   * The connection properties, and for PostgreSQL the shard's schema as {@code currentSchema}
   * (the search path: tables are named unqualified) and {@code stringtype=unspecified} (text
   * parameters take the type of the column they are compared with or written to, as with MySQL),
   * unless the shards file sets them.
   */
  private Map<String, String> urlProperties() {
    if (sourceType != SourceType.POSTGRESQL) {
      return connectionProperties;
    }
    Map<String, String> properties = new LinkedHashMap<>(connectionProperties);
    properties.putIfAbsent("currentSchema", schemaName);
    properties.putIfAbsent("stringtype", "unspecified");
    return properties;
  }

  /** Properties for {@code DriverManager.getConnection(jdbcUrl(), jdbcProperties())}. */
  public Properties jdbcProperties() {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    properties.setProperty("password", password);
    return properties;
  }

  private static String encode(String text) {
    // URLEncoder writes a space as '+', which Connector/J decodes back; %20 is unambiguous.
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof Shard that)) {
      return false;
    }
    return port == that.port
        && sourceType == that.sourceType
        && Objects.equals(schemaName, that.schemaName)
        && logicalShardId.equals(that.logicalShardId)
        && host.equals(that.host)
        && user.equals(that.user)
        && password.equals(that.password)
        && dbName.equals(that.dbName)
        && connectionProperties.equals(that.connectionProperties);
  }

  @Override
  public int hashCode() {
    return Objects.hash(sourceType, schemaName, logicalShardId, host, port, user, dbName,
        connectionProperties);
  }

  @Override
  public String toString() {
    return "Shard{" + sourceType.optionName() + ", logicalShardId=" + logicalShardId + ", host=" + host + ", port=" + port
        + ", user=" + user + ", password=<redacted>, dbName=" + dbName
        + (schemaName == null ? "" : ", schemaName=" + schemaName)
        + ", connectionProperties=" + connectionProperties + "}";
  }
}
