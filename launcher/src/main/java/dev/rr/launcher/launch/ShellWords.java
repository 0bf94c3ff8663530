package dev.rr.launcher.launch;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Renders an argument vector as one POSIX shell command line an operator can paste. */
public final class ShellWords {
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

  private ShellWords() {}

  /** {@code argv} joined by spaces, each word single-quoted when the shell would change it. */
  public static String render(List<String> argv) {
    return argv.stream().map(ShellWords::quote).collect(Collectors.joining(" "));
  }

  /** One word, quoted only when needed; single quotes inside become {@code '\''}. */
  public static String quote(String word) {
    if (!word.isEmpty() && SAFE.matcher(word).matches()) {
      return word;
    }
    return "'" + word.replace("'", "'\\''") + "'";
  }
}
