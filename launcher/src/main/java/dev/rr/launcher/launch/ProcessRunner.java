package dev.rr.launcher.launch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Runs an external command ({@code gcloud}) and returns its exit code and standard output; its
 * standard error goes to ours, so an operator sees gcloud's own errors. The seam through which
 * tests replace {@code gcloud}.
 */
@FunctionalInterface
public interface ProcessRunner {
  /**
   * Runs {@code argv} to completion.
   *
   * @throws IOException when the command cannot be started (e.g. {@code gcloud} not installed)
   */
  Result run(List<String> argv) throws IOException, InterruptedException;

  /** What a command left: its exit code and everything it wrote to standard output. */
  record Result(int exitCode, String stdout) {}

  /** The real thing: a child process, standard error inherited. */
  static ProcessRunner system() {
    return argv -> {
      Process process = new ProcessBuilder(argv)
          .redirectError(ProcessBuilder.Redirect.INHERIT)
          .redirectInput(ProcessBuilder.Redirect.INHERIT)
          .start();
      ByteArrayOutputStream stdout = new ByteArrayOutputStream();
      try (InputStream in = process.getInputStream()) {
        in.transferTo(stdout);
      }
      return new Result(process.waitFor(), stdout.toString(StandardCharsets.UTF_8));
    };
  }
}
