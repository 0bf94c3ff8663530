package dev.rr.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.rr.launcher.cli.LaunchCommand;
import dev.rr.reader.options.ReaderOptions;
import dev.rr.writer.options.WriterOptions;
import java.beans.Introspector;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Keeps the user guide true to the code: every {@code rr} command in a fenced block of {@code
 * docs/*.md} and {@code README.md} parses with the real command tree (nothing runs), the option
 * tables of {@code docs/launching.md} list exactly the templates' options, and every relative
 * link and anchor resolves. The extraction rules are documented in {@code docs/README.md}.
 */
class DocsCommandsTest {
  private static final DocsPages PAGES = DocsPages.load();

  @Test
  void shouldParseEveryRrCommandOfTheGuideWithTheRealCommandTree() {
    List<DocsCommand> commands = PAGES.commands();
    List<String> failures = new ArrayList<>();
    for (DocsCommand command : commands) {
      String failure = parse(command);
      if (failure != null) {
        failures.add(command.where() + ": " + failure + "\n    " + String.join(" ", command.args()));
      }
    }

    assertTrue(failures.isEmpty(), failures.size() + " command(s) in the docs do not parse:\n"
        + String.join("\n", failures));
    assertTrue(commands.size() >= 40, "expected the guide's commands, found " + commands.size());
  }

  @Test
  void shouldShowCommandsOnEveryOperatorPage() {
    Map<String, Long> perPage = PAGES.commands().stream()
        .collect(Collectors.groupingBy(DocsCommand::page, TreeMap::new, Collectors.counting()));

    for (String page : List.of("docs/launching.md", "docs/operations.md", "docs/recovery.md",
        "docs/cutover.md", "docs/customization.md", "docs/launcher.md", "docs/README.md")) {
      assertTrue(perPage.getOrDefault(page, 0L) > 0, page + " has no rr command; found " + perPage);
    }
  }

  @Test
  void shouldFindRecoveryCommandsForEveryRunMode() {
    String recovery = PAGES.commands().stream()
        .filter(c -> c.page().equals("docs/recovery.md"))
        .map(c -> String.join(" ", c.args()))
        .collect(Collectors.joining("\n"));

    for (String mode : List.of("--readerRunMode=resume", "--writerRunMode=resumeAll",
        "--writerRunMode=resumeFailed", "--writerRunMode=resumeSuccess",
        "--writerRunMode=reprocess")) {
      assertTrue(recovery.contains(mode), "docs/recovery.md lacks a command with " + mode);
    }
  }

  @Test
  void shouldListExactlyTheReaderTemplateOptions() throws IOException {
    Map<String, String> table = PAGES.optionTable("docs/launching.md", "Reader template options");

    assertEquals(optionNames(ReaderOptions.class), new TreeSet<>(table.keySet()));
    assertRequiredMatchesTemplate(table, "/flex-template/reader-metadata.json");
  }

  @Test
  void shouldListExactlyTheWriterTemplateOptions() throws IOException {
    Map<String, String> table = PAGES.optionTable("docs/launching.md", "Writer template options");

    assertEquals(optionNames(WriterOptions.class), new TreeSet<>(table.keySet()));
    assertRequiredMatchesTemplate(table, "/flex-template/writer-metadata.json");
  }

  @Test
  void shouldResolveEveryRelativeLinkAndAnchor() {
    List<String> broken = PAGES.brokenLinks();

    assertTrue(broken.isEmpty(), "broken links:\n" + String.join("\n", broken));
  }

  /** Null when {@code command} parses; else why not. */
  private static String parse(DocsCommand command) {
    CommandLine commandLine = Rr.newCommandLine();
    try {
      CommandLine.ParseResult result = commandLine.parseArgs(command.args().toArray(String[]::new));
      if (!command.abbreviated() && result.hasSubcommand()
          && result.subcommand().commandSpec().userObject() instanceof LaunchCommand launch
          && !result.subcommand().isUsageHelpRequested()) {
        // The launch's cross-option rules (Dataflow settings, plugins, project) run here too.
        launch.toConfig();
      }
      return null;
    } catch (CommandLine.MissingParameterException e) {
      return command.abbreviated() ? null : e.getMessage();
    } catch (CommandLine.ParameterException e) {
      return e.getMessage();
    }
  }

  /** Beam option names of the getters {@code options} declares itself. */
  private static Set<String> optionNames(Class<?> options) {
    Set<String> names = new TreeSet<>();
    for (Method method : options.getDeclaredMethods()) {
      if (method.getName().startsWith("get") && method.getParameterCount() == 0) {
        names.add(Introspector.decapitalize(method.getName().substring(3)));
      }
    }
    return names;
  }

  /** The table says "required" exactly for the parameters the flex template does not mark optional. */
  private static void assertRequiredMatchesTemplate(Map<String, String> table, String resource)
      throws IOException {
    Map<String, Boolean> required = new TreeMap<>();
    try (InputStream in = DocsCommandsTest.class.getResourceAsStream(resource)) {
      assertTrue(in != null, resource + " is not on the class path");
      JsonObject metadata = JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8))
          .getAsJsonObject();
      for (JsonElement parameter : metadata.getAsJsonArray("parameters")) {
        JsonObject p = parameter.getAsJsonObject();
        boolean optional = p.has("isOptional") && p.get("isOptional").getAsBoolean();
        required.put(p.get("name").getAsString(), !optional);
      }
    }
    Map<String, Boolean> documented = new TreeMap<>();
    table.forEach((name, defaultCell) -> documented.put(name, defaultCell.equals("required")));
    assertEquals(required, documented, "'required' in the default column of " + resource);
  }
}
