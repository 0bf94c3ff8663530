package dev.rr.launcher.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.rr.common.schema.SourceType;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PostgresArrayValuesTest {
  private static SourceType type(String name) {
    return SourceType.of(name);
  }

  @Test
  void shouldReadTheServersArrayLiteralQuotesEscapesAndNulls() {
    assertEquals(Optional.of(Arrays.asList("1", null, "a \"q\" \\ ,{}", "NULL", "")),
        PostgresArrayValues.parse("{1,NULL,\"a \\\"q\\\" \\\\ ,{}\",\"NULL\",\"\"}"));
    assertEquals(Optional.of(List.of()), PostgresArrayValues.parse("{}"));
    assertEquals(Optional.empty(), PostgresArrayValues.parse("{{1,2},{3,4}}"));
    assertEquals(Optional.empty(), PostgresArrayValues.parse("[0:1]={1,2}"));
    assertEquals(Optional.empty(), PostgresArrayValues.parse("{\"open}"));
  }

  @Test
  void shouldGiveTheWritersAndTheServersSpellingOfEqualArraysOneForm() {
    assertEquals(PostgresArrayValues.canonical(Arrays.asList("1.50", null), type("numeric")),
        PostgresArrayValues.canonical("{1.5,NULL}", type("numeric")));
    assertEquals(PostgresArrayValues.canonical(List.of("2024-05-01 10:15:30.500000+00"),
            type("timestamp with time zone")),
        PostgresArrayValues.canonical("{\"2024-05-01 12:15:30.5+02\"}", type("timestamp with time zone")));
    assertEquals(PostgresArrayValues.canonical(List.of("2024-05-01 10:15:30.000000"),
            type("timestamp without time zone")),
        PostgresArrayValues.canonical("{\"2024-05-01 10:15:30\"}", type("timestamp without time zone")));
    assertEquals(PostgresArrayValues.canonical(List.of("true", "false"), type("boolean")),
        PostgresArrayValues.canonical("{t,f}", type("boolean")));
    assertEquals(PostgresArrayValues.canonical(List.of("{\"b\":1,\"a\":2}"), type("jsonb")),
        PostgresArrayValues.canonical("{\"{\\\"a\\\": 2, \\\"b\\\": 1}\"}", type("jsonb")));
    assertEquals(PostgresArrayValues.canonical(List.of("1.100000023841858"), type("real")),
        PostgresArrayValues.canonical("{1.1}", type("real")));
  }

  @Test
  void shouldKeepDifferentArraysDifferent() {
    SourceType text = type("text");
    assertNotEquals(PostgresArrayValues.canonical(List.of("NULL"), text),
        PostgresArrayValues.canonical("{NULL}", text));
    assertNotEquals(PostgresArrayValues.canonical(List.of("a,b"), text),
        PostgresArrayValues.canonical("{a,b}", text));
    assertNotEquals(PostgresArrayValues.canonical(List.of(), text),
        PostgresArrayValues.canonical("{\"\"}", text));
    assertNotEquals(PostgresArrayValues.canonical(List.of("1", "2"), type("integer")),
        PostgresArrayValues.canonical("{2,1}", type("integer")));
  }
}
