package dev.rr.common.mysql;

import java.math.BigInteger;
import java.util.HexFormat;

/**
 * Reads the text the Spanner migration tool stores in a Spanner {@code STRING} column for a MySQL
 * column that is not text, when the user picked {@code STRING} instead of the default type:
 *
 * <ul>
 *   <li>{@code binary}, {@code varbinary} and the blobs: the bytes as hexadecimal text, two digits
 *       a byte (its MySQL reader encodes {@code getBytes}/{@code getBlob} as lower-case hex);
 *   <li>{@code bit(n)}: the decimal number of the bits (its reader takes {@code getLong}).
 * </ul>
 *
 * The writer reverses both, so that a row comes back to MySQL as it was migrated. Failures are
 * {@link IllegalArgumentException}s whose message names the convention; the converter adds the
 * table, column and value.
 */
final class MigrationToolText {
  private MigrationToolText() {}

  /** The bytes of hexadecimal {@code text}, in either letter case; empty text is no bytes. */
  static byte[] hexBytes(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (Character.digit(text.charAt(i), 16) < 0) {
        throw new IllegalArgumentException("not hexadecimal text (a binary column migrated to a"
            + " Spanner STRING holds its bytes as hex digits, e.g. \"00ff41\")");
      }
    }
    if (text.length() % 2 != 0) {
      throw new IllegalArgumentException("an odd number of hex digits (" + text.length()
          + "): a binary column migrated to a Spanner STRING holds two hex digits a byte");
    }
    return HexFormat.of().parseHex(text);
  }

  /** The bits of a bit column migrated to STRING: their unsigned decimal number. */
  static BigInteger bitNumber(String text) {
    String digits = text.trim();
    if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException("not the decimal number of the bits (a bit column"
          + " migrated to a Spanner STRING holds its value as a decimal number, e.g. \"5\")");
    }
    return new BigInteger(digits);
  }
}
