package dev.rr.launcher;

import java.util.List;

/**
 * One {@code rr} command found in the guide.
 *
 * @param page the page, relative to the repository root (e.g. {@code docs/recovery.md})
 * @param line the line the command starts on (1-based)
 * @param args the arguments after {@code rr}, with variables and placeholders replaced
 * @param abbreviated whether the command elides options with {@code ...}
 */
record DocsCommand(String page, int line, List<String> args, boolean abbreviated) {
  DocsCommand {
    args = List.copyOf(args);
  }

  String where() {
    return page + ":" + line;
  }
}
