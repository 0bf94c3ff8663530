package dev.rr.common.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ShardTest {

  private static Shard shard(String host, String db, Map<String, String> properties) {
    return new Shard("ls1", host, 3306, "rr", "S3cret!pw", db, properties);
  }

  @Test
  void shouldBuildPlainJdbcUrlWithoutCredentials() {
    Shard shard = shard("db.example", "shop", Map.of());

    assertEquals("jdbc:mysql://db.example:3306/shop", shard.jdbcUrl());
    assertFalse(shard.jdbcUrl().contains("S3cret"));
  }

  @Test
  void shouldEncodeConnectionPropertiesInFileOrder() {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("sslMode", "VERIFY_CA");
    properties.put("sessionVariables", "sql_mode='STRICT_ALL_TABLES',time_zone='+00:00'");
    properties.put("odd key", "a&b=c d");

    String url = shard("h", "shop", properties).jdbcUrl();

    assertEquals("jdbc:mysql://h:3306/shop?sslMode=VERIFY_CA"
        + "&sessionVariables=sql_mode%3D%27STRICT_ALL_TABLES%27%2Ctime_zone%3D%27%2B00%3A00%27"
        + "&odd%20key=a%26b%3Dc%20d", url);
  }

  @Test
  void shouldBracketIpv6HostAndEncodeDatabaseName() {
    assertEquals("jdbc:mysql://[::1]:3306/my%20db", shard("::1", "my db", Map.of()).jdbcUrl());
  }

  @Test
  void shouldPassCredentialsAsProperties() {
    Properties properties = shard("h", "d", Map.of()).jdbcProperties();

    assertEquals("rr", properties.getProperty("user"));
    assertEquals("S3cret!pw", properties.getProperty("password"));
  }

  @Test
  void shouldNeverShowPasswordInToString() {
    String text = shard("h", "d", Map.of("a", "b")).toString();

    assertFalse(text.contains("S3cret"), text);
    assertTrue(text.contains("password=<redacted>"), text);
    assertTrue(text.contains("ls1") && text.contains("h") && text.contains("3306"), text);
  }

  @Test
  void shouldSurviveJavaSerialization() throws Exception {
    Shard shard = shard("h", "d", Map.of("useSSL", "false"));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(shard);
    }

    Object copy;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = in.readObject();
    }

    assertEquals(shard, copy);
    assertEquals(shard.jdbcUrl(), ((Shard) copy).jdbcUrl());
  }

  @Test
  void shouldRejectPortOutOfRange() {
    assertThrows(IllegalArgumentException.class,
        () -> new Shard("ls1", "h", 0, "u", "p", "d", Map.of()));
  }

  @Test
  void shouldRejectCredentialPropertyWithoutEchoingIt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> shard("h", "d", Map.of("password", "Leaked99")));

    assertFalse(e.getMessage().contains("Leaked99"));
  }
}
