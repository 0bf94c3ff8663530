package dev.rr.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough of a POSIX shell to read the guide's command lines: comments, {@code |}, {@code ;}
 * and {@code &&} separators, single and double quotes, backslash escapes, {@code $NAME} and
 * {@code ${NAME}} expansion, and the guide's {@code <placeholder>} convention. It never runs
 * anything.
 */
final class DocsShell {
  private static final Pattern PLACEHOLDER = Pattern.compile("<([^<>\\s][^<>\\n]*)>");
  private static final Pattern ASSIGNMENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=.*");

  private DocsShell() {}

  /** The commands of one logical line, split at unquoted {@code |}, {@code ;}, {@code &&}, {@code ||}. */
  static List<String> segments(String line) {
    List<String> segments = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        current.append(c);
        if (c == quote) {
          quote = 0;
        } else if (c == '\\' && quote == '"' && i + 1 < line.length()) {
          current.append(line.charAt(++i));
        }
      } else if (c == '\\' && i + 1 < line.length()) {
        current.append(c).append(line.charAt(++i));
      } else if (c == '\'' || c == '"') {
        quote = c;
        current.append(c);
      } else if (c == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
        break;
      } else if (c == '|' || c == ';' || c == '&' && i + 1 < line.length() && line.charAt(i + 1) == '&') {
        segments.add(current.toString());
        current.setLength(0);
        if (i + 1 < line.length() && (line.charAt(i + 1) == '|' || line.charAt(i + 1) == '&')) {
          i++;
        }
      } else {
        current.append(c);
      }
    }
    segments.add(current.toString());
    return segments.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  /** Replaces each {@code <placeholder>} by a sample value that fits what it names. */
  static String fillPlaceholders(String text) {
    Matcher matcher = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      matcher.appendReplacement(out, Matcher.quoteReplacement(sample(matcher.group(1))));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  /** The sample value for a placeholder's text (see docs/README.md, Conventions). */
  static String sample(String placeholder) {
    String name = placeholder.toLowerCase(Locale.ROOT);
    if (name.contains("time")) {
      return "2024-05-01T10:00:00Z";
    }
    if (name.contains("duration")) {
      return "10s";
    }
    if (name.contains(",")) {
      return "shard1,shard2";
    }
    return "sample";
  }

  /** True for words like {@code RR_DEBUG=1} that set a variable for the command after them. */
  static boolean isAssignment(String word) {
    return ASSIGNMENT.matcher(word).matches();
  }

  /**
   * Splits {@code segment} into words as a shell would, expanding variables from {@code
   * variables} (unknown ones become their lower-case name).
   */
  static List<String> words(String segment, Map<String, String> variables) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    int i = 0;
    while (i < segment.length()) {
      char c = segment.charAt(i);
      if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
        i++;
      } else if (c == '\'') {
        int end = segment.indexOf('\'', i + 1);
        end = end < 0 ? segment.length() : end;
        word.append(segment, i + 1, end);
        inWord = true;
        i = end + 1;
      } else if (c == '"') {
        i = doubleQuoted(segment, i + 1, variables, word);
        inWord = true;
      } else if (c == '\\' && i + 1 < segment.length()) {
        word.append(segment.charAt(i + 1));
        inWord = true;
        i += 2;
      } else if (c == '$') {
        int[] end = new int[1];
        String value = variable(segment, i, variables, end);
        // Unquoted: the value splits into words like the shell's field splitting.
        List<String> parts = List.of(value.trim().split("\\s+"));
        for (int p = 0; p < parts.size(); p++) {
          if (p > 0) {
            words.add(word.toString());
            word.setLength(0);
          }
          word.append(parts.get(p));
        }
        inWord = inWord || !value.isBlank();
        i = end[0];
      } else {
        word.append(c);
        inWord = true;
        i++;
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }

  private static int doubleQuoted(String s, int from, Map<String, String> variables, StringBuilder word) {
    int i = from;
    while (i < s.length() && s.charAt(i) != '"') {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        word.append(s.charAt(i + 1));
        i += 2;
      } else if (c == '$') {
        int[] end = new int[1];
        word.append(variable(s, i, variables, end));
        i = end[0];
      } else {
        word.append(c);
        i++;
      }
    }
    return i + 1;
  }

  /** The value of the variable starting at {@code s[dollar]}; {@code end[0]} is set after it. */
  private static String variable(String s, int dollar, Map<String, String> variables, int[] end) {
    int i = dollar + 1;
    boolean braced = i < s.length() && s.charAt(i) == '{';
    if (braced) {
      i++;
    }
    int start = i;
    while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
      i++;
    }
    String name = s.substring(start, i);
    if (braced && i < s.length() && s.charAt(i) == '}') {
      i++;
    }
    if (name.isEmpty()) {
      // A lone '$' (or '$(' command substitution): keep it as text.
      end[0] = dollar + 1;
      return "$";
    }
    end[0] = i;
    return variables.getOrDefault(name, name.toLowerCase(Locale.ROOT));
  }
}
