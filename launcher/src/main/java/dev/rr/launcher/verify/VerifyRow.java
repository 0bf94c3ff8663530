package dev.rr.launcher.verify;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One row in canonical form: its source primary key and its compared column values.
 *
 * @param key canonical source primary-key values, in key order
 * @param values canonical values of the compared columns, in mapping order
 */
public record VerifyRow(List<String> key, List<String> values) {
  /** Orders keys component by component: numbers numerically (before text), text by code point. */
  public static final Comparator<List<String>> KEY_ORDER = VerifyRow::compareKeys;

  public VerifyRow {
    key = List.copyOf(key);
    values = List.copyOf(values);
  }

  /** A 64-bit FNV-1a checksum of the values, for the per-row comparison and table totals. */
  public long checksum() {
    long hash = 0xcbf29ce484222325L;
    for (String value : values) {
      for (int i = 0; i < value.length(); i++) {
        hash ^= value.charAt(i);
        hash *= 0x100000001b3L;
      }
      hash ^= 0x1f;
      hash *= 0x100000001b3L;
    }
    return hash;
  }

  /** The key as shown in reports: {@code (1, 'abc')}. */
  public static String showKey(List<String> key) {
    List<String> shown = new ArrayList<>();
    for (String part : key) {
      shown.add(Objects.equals(part, CanonicalValues.NULL) ? "NULL"
          : isNumber(part) ? part : "'" + part + "'");
    }
    return "(" + String.join(", ", shown) + ")";
  }

  private static int compareKeys(List<String> a, List<String> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int order = compareParts(a.get(i), b.get(i));
      if (order != 0) {
        return order;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  private static int compareParts(String a, String b) {
    boolean numberA = isNumber(a);
    boolean numberB = isNumber(b);
    if (numberA && numberB) {
      return new BigDecimal(a).compareTo(new BigDecimal(b));
    }
    if (numberA != numberB) {
      return numberA ? -1 : 1;
    }
    return a.compareTo(b);
  }

  private static boolean isNumber(String value) {
    if (value.isEmpty() || value.length() > 60) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (!(Character.isDigit(c) || c == '-' || c == '.')) {
        return false;
      }
    }
    try {
      new BigDecimal(value);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
