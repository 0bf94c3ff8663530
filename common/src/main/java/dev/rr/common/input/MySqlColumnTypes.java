package dev.rr.common.input;

import dev.rr.common.schema.SourceType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Parses MySQL column type text, as in {@code information_schema.COLUMNS.COLUMN_TYPE}
 * ({@code bigint(20) unsigned}, {@code decimal(10,2)}, {@code enum('a','b')}) or a session file
 * type name, into a {@link SourceType}. Enum and set members are not numeric modifiers and are
 * dropped; {@code zerofill} is ignored.
 */
public final class MySqlColumnTypes {
  private static final Pattern WORDS = Pattern.compile("[a-z][a-z0-9_]*( +[a-z][a-z0-9_]*)*");
  private static final Pattern NUMBERS = Pattern.compile("\\s*\\d+\\s*(,\\s*\\d+\\s*)*");

  private MySqlColumnTypes() {}

  /**
   * The source type for {@code columnType}.
   *
   * @throws IllegalArgumentException when the text is not a MySQL column type
   */
  public static SourceType parse(String columnType) {
    if (columnType == null) {
      throw new IllegalArgumentException("a MySQL column type is required, got null");
    }
    String text = columnType.toLowerCase(Locale.ROOT).strip();
    String arguments = null;
    int open = text.indexOf('(');
    if (open >= 0) {
      int close = text.lastIndexOf(')');
      if (close < open) {
        throw new IllegalArgumentException("'" + columnType + "' is not a MySQL column type");
      }
      arguments = text.substring(open + 1, close);
      text = (text.substring(0, open) + " " + text.substring(close + 1)).strip();
    }
    text = text.replaceAll("\\s+", " ");
    if (!WORDS.matcher(text).matches()) {
      throw new IllegalArgumentException("'" + columnType + "' is not a MySQL column type");
    }
    List<String> words = new ArrayList<>(List.of(text.split(" ")));
    boolean unsigned = words.remove("unsigned");
    words.remove("signed");
    words.remove("zerofill");
    if (words.isEmpty()) {
      throw new IllegalArgumentException("'" + columnType + "' has no type name");
    }
    List<Long> mods = new ArrayList<>();
    if (arguments != null && NUMBERS.matcher(arguments).matches()) {
      for (String number : arguments.split(",")) {
        mods.add(Long.parseLong(number.trim()));
      }
    }
    return new SourceType(String.join(" ", words), mods, unsigned);
  }

  /**
   * The source type for a session file column: {@code name} may carry modifiers or
   * {@code unsigned} itself; {@code mods}, when not empty, take precedence over modifiers in the
   * name.
   */
  public static SourceType fromSession(String name, List<Long> mods) {
    SourceType parsed = parse(name);
    List<Long> effective = mods == null || mods.isEmpty() ? parsed.mods() : mods;
    return new SourceType(parsed.name(), effective, parsed.unsigned());
  }
}
