package dev.rr.common.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The one-pass reader of flat keys and values JSON builds exactly the tree Gson builds, and leaves
 * everything else to Gson.
 */
class FlatJsonObjectTest {
  private static final String[] NUMBERS = {"0", "-0", "7", "-12", "1.5", "-0.25", "1e5", "1E-7",
      "2.5e+3", "9223372036854775807", "-9223372036854775808", "9223372036854775808",
      "123456789012345678901234567890.000000001", "0.0", "10"};
  private static final String[] PIECES = {"a", "Z", "é", "日本", "😀", " ", "'", "?", "{", "}",
      "[", ",", ":", "\\\"", "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t", "\\u0000", "\\u00e9",
      "\\u00E9", "\\ud83d\\ude00", "\\u001f", "null", "true", "0"};

  @Test
  void shouldBuildTheTreeGsonBuildsForRandomFlatObjects() {
    Random random = new Random(23);
    for (int i = 0; i < 5_000; i++) {
      String json = randomObject(random);
      JsonObject fast = FlatJsonObject.parse(json);
      assertNotNull(fast, json);
      assertSameTree(JsonParser.parseString(json).getAsJsonObject(), fast, json);
    }
  }

  @Test
  void shouldKeepTheLastValueOfARepeatedNameAtItsFirstPlaceAsGsonDoes() {
    String json = "{\"a\":\"1\",\"b\":2,\"a\":null}";
    assertSameTree(JsonParser.parseString(json).getAsJsonObject(), FlatJsonObject.parse(json),
        json);
  }

  @Test
  void shouldReadTheChangeStreamsShapes() {
    String json = "{\"SingerId\":\"5\",\"Name\":\"O'Brien \\\"Jr\\\"\",\"Score\":1.5,"
        + "\"Active\":true,\"Gone\":null,\"At\":\"2024-06-01T00:00:00.123456Z\"}";
    JsonObject fast = FlatJsonObject.parse(json);
    assertEquals("5", fast.get("SingerId").getAsString());
    assertEquals("O'Brien \"Jr\"", fast.get("Name").getAsString());
    assertEquals(1.5, fast.get("Score").getAsDouble());
    assertEquals(true, fast.get("Active").getAsBoolean());
    assertEquals(true, fast.get("Gone").isJsonNull());
    assertEquals(0, FlatJsonObject.parse(" { } ").size());
  }

  /** What Gson reads leniently, reads as something else, or rejects: Gson decides, as before. */
  @ParameterizedTest
  @ValueSource(strings = {"", " ", "null", "[]", "\"a\"", "{\"a\":{\"b\":1}}", "{\"a\":[1,2]}",
      "{\"a\":\"x\u0001\"}", "{\"a\":01}", "{\"a\":+1}", "{\"a\":.5}", "{\"a\":1.}",
      "{\"a\":1e}", "{\"a\":NaN}", "{\"a\":-Infinity}", "{a:1}", "{'a':1}", "{\"a\":'x'}",
      "{\"a\":1,}", "{\"a\":1} x", "{\"a\":1}{}", "{\"a\":1 # note\n}", "{\"a\":\"\\u12g4\"}",
      "{\"a\":\"\\u00\u0663\u0663\"}", "{\"a\":\"\\x41\"}", "{\"a\":tru}", "{\"a\":truex}", "{\"a\":1;\"b\":2}",
      "{\"a\"=1}", "{\"a\":1", "{\"a\":\"x", "{\"a\":\"x\\", "{\"a\":\"\\u00"})
  void shouldLeaveEverythingElseToGson(String json) {
    assertNull(FlatJsonObject.parse(json), json);
  }

  @Test
  void shouldLeaveNullToTheCaller() {
    assertNull(FlatJsonObject.parse(null));
  }

  private static void assertSameTree(JsonObject expected, JsonObject actual, String json) {
    assertEquals(expected, actual, json);
    List<String> expectedNames = new ArrayList<>(expected.keySet());
    assertEquals(expectedNames, new ArrayList<>(actual.keySet()), json);
    for (Map.Entry<String, JsonElement> entry : expected.entrySet()) {
      JsonElement value = actual.get(entry.getKey());
      assertEquals(entry.getValue().getClass(), value.getClass(), json);
      if (entry.getValue().isJsonPrimitive()) {
        assertEquals(entry.getValue().getAsString(), value.getAsString(), json);
        assertEquals(entry.getValue().getAsJsonPrimitive().isNumber(),
            value.getAsJsonPrimitive().isNumber(), json);
        assertEquals(entry.getValue().getAsJsonPrimitive().isBoolean(),
            value.getAsJsonPrimitive().isBoolean(), json);
      }
    }
  }

  private static String randomObject(Random random) {
    StringBuilder json = new StringBuilder();
    space(random, json);
    json.append('{');
    int fields = random.nextInt(8);
    for (int f = 0; f < fields; f++) {
      if (f > 0) {
        json.append(',');
      }
      space(random, json);
      json.append('"').append(random.nextInt(4) == 0 ? randomString(random) : "c" + random.nextInt(6))
          .append('"');
      space(random, json);
      json.append(':');
      space(random, json);
      switch (random.nextInt(6)) {
        case 0, 1 -> json.append('"').append(randomString(random)).append('"');
        case 2 -> json.append(NUMBERS[random.nextInt(NUMBERS.length)]);
        case 3 -> json.append(random.nextBoolean() ? "true" : "false");
        case 4 -> json.append("null");
        default -> json.append('"').append(random.nextInt(1_000_000)).append('"');
      }
      space(random, json);
    }
    json.append('}');
    space(random, json);
    return json.toString();
  }

  private static String randomString(Random random) {
    StringBuilder text = new StringBuilder();
    int pieces = random.nextInt(6);
    for (int i = 0; i < pieces; i++) {
      text.append(PIECES[random.nextInt(PIECES.length)]);
    }
    return text.toString();
  }

  private static void space(Random random, StringBuilder json) {
    if (random.nextInt(4) == 0) {
      json.append(" \t\n\r".charAt(random.nextInt(4)));
    }
  }
}
