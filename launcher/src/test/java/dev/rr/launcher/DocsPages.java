package dev.rr.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The guide as the docs tests read it: {@code README.md} and {@code docs/*.md} of this checkout,
 * their fenced command blocks, option tables, links and headings.
 */
final class DocsPages {
  private static final Set<String> COMMAND_TAGS = Set.of("", "sh", "bash", "shell");
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
  private static final Pattern TABLE_OPTION = Pattern.compile("^\\|\\s*`([A-Za-z]+)`\\s*\\|\\s*([^|]*?)\\s*\\|");

  private final Path root;
  private final Map<String, List<String>> pages;

  private DocsPages(Path root, Map<String, List<String>> pages) {
    this.root = root;
    this.pages = pages;
  }

  /** The pages of the checkout this test runs in (found upwards from the working directory). */
  static DocsPages load() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isRegularFile(dir.resolve("docs/README.md"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("no docs/README.md above " + Path.of("").toAbsolutePath());
    }
    Map<String, List<String>> pages = new LinkedHashMap<>();
    try (Stream<Path> docs = Files.list(dir.resolve("docs"))) {
      pages.put("README.md", Files.readAllLines(dir.resolve("README.md"), StandardCharsets.UTF_8));
      for (Path page : docs.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
        pages.put("docs/" + page.getFileName(), Files.readAllLines(page, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new DocsPages(dir, pages);
  }

  Path root() {
    return root;
  }

  /** Every {@code rr} command of every page, in page order. */
  List<DocsCommand> commands() {
    List<DocsCommand> commands = new ArrayList<>();
    pages.forEach((page, lines) -> commands.addAll(commands(page, lines)));
    return commands;
  }

  private static List<DocsCommand> commands(String page, List<String> lines) {
    List<DocsCommand> commands = new ArrayList<>();
    Map<String, String> variables = new HashMap<>();
    String tag = null;
    StringBuilder logical = new StringBuilder();
    int start = 0;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.strip().startsWith("```")) {
        tag = tag == null ? line.strip().substring(3).trim() : null;
        continue;
      }
      if (tag == null || !COMMAND_TAGS.contains(tag)) {
        continue;
      }
      if (logical.length() == 0) {
        start = i + 1;
      }
      if (line.endsWith("\\")) {
        logical.append(line, 0, line.length() - 1).append(' ');
        continue;
      }
      logical.append(line);
      for (String segment : DocsShell.segments(logical.toString())) {
        command(page, start, segment, variables, commands);
      }
      logical.setLength(0);
    }
    return commands;
  }

  private static void command(String page, int line, String segment, Map<String, String> variables,
      List<DocsCommand> commands) {
    List<String> words = DocsShell.words(DocsShell.fillPlaceholders(segment), variables);
    int first = 0;
    while (first < words.size() && DocsShell.isAssignment(words.get(first))) {
      first++;
    }
    if (first == words.size()) {
      // Only assignments: they define variables for the rest of the page.
      for (String assignment : words) {
        int eq = assignment.indexOf('=');
        variables.put(assignment.substring(0, eq), assignment.substring(eq + 1));
      }
      return;
    }
    String program = words.get(first);
    if (!program.equals("rr") && !program.equals("./rr")) {
      return;
    }
    List<String> args = new ArrayList<>();
    boolean abbreviated = false;
    for (String word : words.subList(first + 1, words.size())) {
      if (word.contains("...")) {
        abbreviated = true;
      } else {
        args.add(word);
      }
    }
    commands.add(new DocsCommand(page, line, args, abbreviated));
  }

  /**
   * The option table under heading {@code heading} of {@code page}: option name -> the text of
   * its second (default) column.
   */
  Map<String, String> optionTable(String page, String heading) {
    List<String> lines = lines(page);
    Map<String, String> options = new LinkedHashMap<>();
    boolean inSection = false;
    boolean inCode = false;
    for (String line : lines) {
      if (line.strip().startsWith("```")) {
        inCode = !inCode;
        continue;
      }
      if (inCode) {
        continue;
      }
      if (line.startsWith("#")) {
        inSection = line.replaceFirst("^#+\\s*", "").equals(heading);
        continue;
      }
      Matcher row = TABLE_OPTION.matcher(line);
      if (inSection && row.find()) {
        if (options.put(row.group(1), row.group(2)) != null) {
          throw new IllegalStateException(page + ": option " + row.group(1) + " listed twice");
        }
      }
    }
    if (options.isEmpty()) {
      throw new IllegalStateException(page + " has no option table under '" + heading + "'");
    }
    return options;
  }

  /** Relative links (outside code blocks) whose file or anchor does not exist. */
  List<String> brokenLinks() {
    List<String> broken = new ArrayList<>();
    pages.forEach((page, lines) -> {
      boolean inCode = false;
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        if (line.strip().startsWith("```")) {
          inCode = !inCode;
          continue;
        }
        Matcher link = LINK.matcher(inCode ? "" : line.replaceAll("`[^`]*`", ""));
        while (link.find()) {
          String problem = check(page, link.group(1));
          if (problem != null) {
            broken.add(page + ":" + (i + 1) + ": " + link.group(1) + ": " + problem);
          }
        }
      }
    });
    return broken;
  }

  private String check(String page, String target) {
    if (target.matches("^[a-z]+:.*")) {
      return null;
    }
    int hash = target.indexOf('#');
    String file = hash < 0 ? target : target.substring(0, hash);
    String anchor = hash < 0 ? null : target.substring(hash + 1);
    Path resolved = file.isEmpty() ? root.resolve(page)
        : root.resolve(page).getParent() == null ? root.resolve(file)
        : root.resolve(page).getParent().resolve(file).normalize();
    if (!Files.exists(resolved)) {
      return "no such file " + root.relativize(resolved);
    }
    if (anchor == null || !resolved.toString().endsWith(".md")) {
      return null;
    }
    try {
      boolean inCode = false;
      for (String line : Files.readAllLines(resolved, StandardCharsets.UTF_8)) {
        if (line.strip().startsWith("```")) {
          inCode = !inCode;
        } else if (!inCode && line.startsWith("#")
            && slug(line.replaceFirst("^#+\\s*", "")).equals(anchor)) {
          return null;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return "no heading with anchor #" + anchor;
  }

  /** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens. */
  static String slug(String heading) {
    return heading.toLowerCase(Locale.ROOT)
        .replaceAll("[^\\p{L}\\p{N} _-]", "")
        .replace(' ', '-');
  }

  private List<String> lines(String page) {
    List<String> lines = pages.get(page);
    if (lines == null) {
      throw new IllegalStateException("no page " + page + " in " + pages.keySet());
    }
    return lines;
  }
}
