package dev.rr.common.sink;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.internal.LazilyParsedNumber;

/**
 * Reads a change record's keys or values JSON in the shape the change stream writes it: one
 * object whose values are strings, numbers, booleans or null. It builds the same tree {@code
 * JsonParser.parseString} builds (numbers as their text, a repeated name's last value wins) in one
 * pass over the string, without the reader, its buffer and its token states, which cost more than
 * the values themselves on a record of a few columns.
 *
 * <p>Anything else - a nested array or object (JSON and ARRAY columns), a control character in a
 * string, a number or literal outside strict JSON, text after the object - gives null, and the
 * caller parses the string with Gson, which reads or rejects it as before.
 */
final class FlatJsonObject {
  private final String text;
  private int at;

  private FlatJsonObject(String text) {
    this.text = text;
  }

  /** The object {@code json} holds, or null when it is not a flat object in strict JSON. */
  static JsonObject parse(String json) {
    if (json == null) {
      return null;
    }
    try {
      return new FlatJsonObject(json).object();
    } catch (IndexOutOfBoundsException e) {
      // The string ended inside the object.
      return null;
    }
  }

  private JsonObject object() {
    skipSpace();
    if (next() != '{') {
      return null;
    }
    JsonObject object = new JsonObject();
    skipSpace();
    if (peek() == '}') {
      at++;
    } else {
      while (true) {
        if (next() != '"') {
          return null;
        }
        String name = string();
        skipSpace();
        if (name == null || next() != ':') {
          return null;
        }
        skipSpace();
        JsonElement value = value();
        if (value == null) {
          return null;
        }
        object.add(name, value);
        skipSpace();
        char separator = next();
        if (separator == '}') {
          break;
        }
        if (separator != ',') {
          return null;
        }
        skipSpace();
      }
    }
    skipSpace();
    return at == text.length() ? object : null;
  }

  private JsonElement value() {
    char first = next();
    switch (first) {
      case '"' -> {
        String value = string();
        return value == null ? null : new JsonPrimitive(value);
      }
      case 't' -> {
        return literal("rue") ? new JsonPrimitive(Boolean.TRUE) : null;
      }
      case 'f' -> {
        return literal("alse") ? new JsonPrimitive(Boolean.FALSE) : null;
      }
      case 'n' -> {
        return literal("ull") ? JsonNull.INSTANCE : null;
      }
      default -> {
        at--;
        return number();
      }
    }
  }

  /** The rest of a string whose opening quote was read; null on anything Gson might read otherwise. */
  private String string() {
    int start = at;
    while (true) {
      char c = text.charAt(at);
      if (c == '"') {
        String plain = text.substring(start, at);
        at++;
        return plain;
      }
      if (c == '\\') {
        return escapedString(start);
      }
      if (c < 0x20) {
        return null;
      }
      at++;
    }
  }

  private String escapedString(int start) {
    StringBuilder value = new StringBuilder(text.length() - start);
    value.append(text, start, at);
    while (true) {
      char c = text.charAt(at++);
      if (c == '"') {
        return value.toString();
      }
      if (c < 0x20) {
        return null;
      }
      if (c != '\\') {
        value.append(c);
        continue;
      }
      char escaped = text.charAt(at++);
      switch (escaped) {
        case '"', '\\', '/' -> value.append(escaped);
        case 'b' -> value.append('\b');
        case 'f' -> value.append('\f');
        case 'n' -> value.append('\n');
        case 'r' -> value.append('\r');
        case 't' -> value.append('\t');
        case 'u' -> {
          int code = 0;
          for (int i = 0; i < 4; i++) {
            char hex = text.charAt(at++);
            int digit = hex >= '0' && hex <= '9' ? hex - '0'
                : hex >= 'a' && hex <= 'f' ? hex - 'a' + 10
                : hex >= 'A' && hex <= 'F' ? hex - 'A' + 10 : -1;
            if (digit < 0) {
              return null;
            }
            code = code * 16 + digit;
          }
          value.append((char) code);
        }
        default -> {
          return null;
        }
      }
    }
  }

  /** A number in strict JSON ({@code -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?}), as text. */
  private JsonElement number() {
    int start = at;
    if (peek() == '-') {
      at++;
    }
    if (peek() == '0') {
      at++;
    } else if (!digits()) {
      return null;
    }
    if (at < text.length() && text.charAt(at) == '.') {
      at++;
      if (!digits()) {
        return null;
      }
    }
    if (at < text.length() && (text.charAt(at) == 'e' || text.charAt(at) == 'E')) {
      at++;
      if (peek() == '+' || peek() == '-') {
        at++;
      }
      if (!digits()) {
        return null;
      }
    }
    return new JsonPrimitive(new LazilyParsedNumber(text.substring(start, at)));
  }

  /** Reads one or more digits; false when there is none. */
  private boolean digits() {
    int start = at;
    while (at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
      at++;
    }
    return at > start;
  }

  private boolean literal(String rest) {
    if (!text.startsWith(rest, at)) {
      return false;
    }
    at += rest.length();
    return true;
  }

  private void skipSpace() {
    while (at < text.length()) {
      char c = text.charAt(at);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      at++;
    }
  }

  private char peek() {
    return text.charAt(at);
  }

  private char next() {
    return text.charAt(at++);
  }
}
