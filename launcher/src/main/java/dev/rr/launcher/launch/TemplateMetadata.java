package dev.rr.launcher.launch;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The parameters a shipped flex template declares ({@code flex-template/*-metadata.json} of the
 * template module, on the launcher's classpath) and the regexes Dataflow applies to them: the
 * launcher checks a launch against them before submitting, so a value Dataflow would refuse is
 * refused here first.
 */
public final class TemplateMetadata {
  /** The reader template's metadata resource. */
  public static final String READER = "flex-template/reader-metadata.json";

  /** The writer template's metadata resource. */
  public static final String WRITER = "flex-template/writer-metadata.json";

  private final String template;
  private final Map<String, List<Pattern>> regexesByName;

  private TemplateMetadata(String template, Map<String, List<Pattern>> regexesByName) {
    this.template = template;
    this.regexesByName = regexesByName;
  }

  /** The reader template's declared parameters. */
  public static TemplateMetadata reader() {
    return load("reader", READER);
  }

  /** The writer template's declared parameters. */
  public static TemplateMetadata writer() {
    return load("writer", WRITER);
  }

  static TemplateMetadata load(String template, String resource) {
    try (InputStream in = TemplateMetadata.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the launcher's classpath");
      }
      JsonObject root = JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8))
          .getAsJsonObject();
      Map<String, List<Pattern>> parameters = new LinkedHashMap<>();
      for (JsonElement element : root.getAsJsonArray("parameters")) {
        JsonObject parameter = element.getAsJsonObject();
        List<Pattern> regexes = new ArrayList<>();
        if (parameter.has("regexes")) {
          parameter.getAsJsonArray("regexes")
              .forEach(r -> regexes.add(Pattern.compile(r.getAsString())));
        }
        parameters.put(parameter.get("name").getAsString(), List.copyOf(regexes));
      }
      return new TemplateMetadata(template, parameters);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  /** {@code reader} or {@code writer}. */
  public String template() {
    return template;
  }

  /** The declared parameter names. */
  public Set<String> names() {
    return regexesByName.keySet();
  }

  public boolean declares(String name) {
    return regexesByName.containsKey(name);
  }

  /**
   * The values of {@code parameters} that a declared regex refuses (Dataflow checks every regex
   * of a parameter; a value must match all of them), one sentence each.
   */
  public List<String> regexProblems(Map<String, String> parameters) {
    List<String> problems = new ArrayList<>();
    parameters.forEach((name, value) -> {
      for (Pattern regex : regexesByName.getOrDefault(name, List.of())) {
        if (!regex.matcher(value).matches()) {
          problems.add(template + " parameter " + name + "='" + value + "' does not match "
              + regex.pattern() + " (the " + template + " template's metadata): Dataflow"
              + " would refuse the job");
        }
      }
    });
    return problems;
  }
}
