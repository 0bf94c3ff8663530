package dev.rr.launcher.launch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One {@code gcloud dataflow flex-template run} invocation, as an argument vector (to run) and
 * as a shell line (to print).
 */
public final class GcloudFlexTemplateCommand {
  /** Delimiters tried, in order, when a value contains a comma (gcloud's {@code ^D^} syntax). */
  private static final String DELIMITERS = "~|#;!@%^*+";

  private final String jobName;
  private final List<String> argv;

  private GcloudFlexTemplateCommand(String jobName, List<String> argv) {
    this.jobName = jobName;
    this.argv = List.copyOf(argv);
  }

  /**
   * The command that starts job {@code jobName} from {@code templateLocation} with {@code
   * parameters} under {@code settings}.
   */
  public static GcloudFlexTemplateCommand of(
      String jobName,
      String templateLocation,
      Map<String, String> parameters,
      DataflowSettings settings) {
    Objects.requireNonNull(jobName, "jobName");
    List<String> argv = new ArrayList<>(List.of("gcloud", "dataflow", "flex-template", "run", jobName));
    argv.add("--project=" + settings.project());
    argv.add("--region=" + settings.region());
    argv.add("--template-file-gcs-location=" + templateLocation);
    settings.serviceAccountEmail().ifPresent(a -> argv.add("--service-account-email=" + a));
    settings.maxWorkers().ifPresent(n -> argv.add("--max-workers=" + n));
    settings.workerMachineType().ifPresent(t -> argv.add("--worker-machine-type=" + t));
    argv.add("--parameters=" + parametersFlag(parameters));
    argv.addAll(settings.extraGcloudArgs());
    return new GcloudFlexTemplateCommand(jobName, argv);
  }

  /**
   * The value of gcloud's {@code --parameters} flag: {@code k=v,k2=v2}, or, when a value holds a
   * comma, {@code ^D^k=vDk2=v2} with a delimiter D that no key or value contains.
   */
  static String parametersFlag(Map<String, String> parameters) {
    boolean hasComma =
        parameters.entrySet().stream().anyMatch(e -> e.getValue().contains(",") || e.getKey().contains(","));
    if (!hasComma) {
      return join(parameters, ",");
    }
    for (char candidate : DELIMITERS.toCharArray()) {
      String delimiter = String.valueOf(candidate);
      boolean free =
          parameters.entrySet().stream()
              .noneMatch(e -> e.getKey().contains(delimiter) || e.getValue().contains(delimiter));
      if (free) {
        return "^" + delimiter + "^" + join(parameters, delimiter);
      }
    }
    throw new IllegalArgumentException(
        "pipeline parameters contain every delimiter gcloud could use (" + DELIMITERS + ",)");
  }

  private static String join(Map<String, String> parameters, String delimiter) {
    StringBuilder text = new StringBuilder();
    parameters.forEach((key, value) -> {
      if (text.length() > 0) {
        text.append(delimiter);
      }
      text.append(key).append('=').append(value);
    });
    return text.toString();
  }

  /** The name of the job the command starts. */
  public String jobName() {
    return jobName;
  }

  /** The argument vector, starting with {@code gcloud}. */
  public List<String> argv() {
    return argv;
  }

  /** The command as one shell line. */
  public String toShellLine() {
    return ShellWords.render(argv);
  }

  @Override
  public String toString() {
    return toShellLine();
  }
}
