package dev.rr.common.input;

import dev.rr.common.mysql.MySqlValueConverter;
import dev.rr.common.schema.SourceType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses MySQL column type text as MySQL prints it ({@code SHOW CREATE TABLE},
 * {@code information_schema.COLUMNS.COLUMN_TYPE}, mysqldump) or a session file type name, into a
 * {@link SourceType}: {@code bigint(20) unsigned zerofill}, {@code decimal(10,2)},
 * {@code enum('a','it''s')}, {@code longtext CHARACTER SET utf8 COLLATE utf8_bin},
 * {@code character varying(10)}.
 *
 * <p>The grammar: one or two type words, an optional parenthesised list (numbers are kept as
 * modifiers; quoted enum and set members are dropped), then attributes - {@code unsigned},
 * {@code signed}, {@code zerofill}, {@code binary}, {@code ascii}, {@code unicode},
 * {@code byte}, {@code character set <name>}, {@code charset <name>}, {@code collate <name>}.
 * Only {@code unsigned} changes how values are written; the others are dropped. Anything else is
 * not a column type.
 */
public final class MySqlColumnTypes {
  private static final Pattern WORD = Pattern.compile("[a-z][a-z0-9_]*");
  private static final Pattern NUMBERS = Pattern.compile("\\s*\\d+\\s*(,\\s*\\d+\\s*)*");
  /** Attributes that are a single word. */
  private static final Set<String> FLAGS =
      Set.of("unsigned", "signed", "zerofill", "binary", "ascii", "unicode", "byte");
  /** Attributes followed by a name (a character set or a collation). */
  private static final Set<String> NAMED = Set.of("charset", "collate");
  /** Spellings MySQL accepts for the same type, to the name it reports. */
  private static final Map<String, String> SYNONYMS = Map.of(
      "character", "char",
      "character varying", "varchar",
      "char varying", "varchar",
      "national char", "nchar",
      "national character", "nchar",
      "national varchar", "nvarchar",
      "national character varying", "nvarchar");

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
    int open = text.indexOf('(');
    String arguments = null;
    if (open >= 0) {
      int close = closingParenthesis(text, open);
      if (close < 0) {
        throw notAType(columnType, "unbalanced parentheses or quotes");
      }
      arguments = text.substring(open + 1, close);
      text = text.substring(0, open) + " " + text.substring(close + 1);
    }
    List<String> words = List.of(text.strip().split("\\s+"));
    if (words.get(0).isEmpty()) {
      throw new IllegalArgumentException("'" + columnType + "' is not a MySQL column type");
    }
    return words(columnType, words, modifiers(arguments));
  }

  /** The type named by {@code words}: type words first, then attributes. */
  private static SourceType words(String columnType, List<String> words, List<Long> mods) {
    List<String> name = new ArrayList<>();
    boolean unsigned = false;
    boolean attributes = false;
    for (int i = 0; i < words.size(); i++) {
      String word = words.get(i);
      if (!WORD.matcher(word).matches()) {
        throw notAType(columnType, "unexpected '" + word + "'");
      }
      boolean characterSet = word.equals("character") && i + 1 < words.size()
          && words.get(i + 1).equals("set");
      if (i > 0 && (characterSet || NAMED.contains(word))) {
        // "character set utf8", "charset utf8", "collate utf8_bin": skip the keyword(s) and name.
        i += characterSet ? 2 : 1;
        if (i >= words.size() || !WORD.matcher(words.get(i)).matches()) {
          throw notAType(columnType, "'" + word + "' needs a name");
        }
        attributes = true;
      } else if (i > 0 && FLAGS.contains(word)) {
        unsigned |= word.equals("unsigned");
        attributes = true;
      } else if (attributes || name.size() == 3) {
        throw notAType(columnType, "unexpected '" + word + "'");
      } else {
        name.add(word);
      }
    }
    return new SourceType(baseName(String.join(" ", name)), mods, unsigned);
  }

  /**
   * The source type for a session file column: {@code name} may carry modifiers or attributes
   * itself; {@code mods}, when not empty, take precedence over modifiers in the name.
   */
  public static SourceType fromSession(String name, List<Long> mods) {
    SourceType parsed = parse(name);
    List<Long> effective = mods == null || mods.isEmpty() ? parsed.mods() : mods;
    return new SourceType(parsed.name(), effective, parsed.unsigned());
  }

  /** True when the writer can write values to a column of {@code type}. */
  public static boolean isWritable(SourceType type) {
    return MySqlValueConverter.supports(type);
  }

  private static String baseName(String name) {
    return SYNONYMS.getOrDefault(name, name);
  }

  private static List<Long> modifiers(String arguments) {
    List<Long> mods = new ArrayList<>();
    if (arguments != null && NUMBERS.matcher(arguments).matches()) {
      for (String number : arguments.split(",")) {
        mods.add(Long.parseLong(number.trim()));
      }
    }
    return mods;
  }

  /** Index of the ')' closing the '(' at {@code open}, skipping quoted members; -1 if none. */
  private static int closingParenthesis(String text, int open) {
    char quote = 0;
    for (int i = open + 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          // A doubled quote is an escaped quote inside the member.
          if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
            i++;
          } else {
            quote = 0;
          }
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == ')') {
        return i;
      }
    }
    return -1;
  }

  private static IllegalArgumentException notAType(String columnType, String detail) {
    return new IllegalArgumentException(
        "'" + columnType + "' is not a MySQL column type: " + detail);
  }
}
