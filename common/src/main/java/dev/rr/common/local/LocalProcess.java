package dev.rr.common.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A child process whose output goes to a log file: started, stopped with SIGTERM (forcibly after a
 * grace period), and able to quote the end of its log in error messages.
 */
final class LocalProcess {

  private static final int TAIL_LINES = 40;
  /** How long a server gets to shut down cleanly after SIGTERM before it is killed. */
  static final Duration DEFAULT_GRACE = Duration.ofSeconds(30);

  private final String name;
  private final Process process;
  private final Path logFile;

  private LocalProcess(String name, Process process, Path logFile) {
    this.name = name;
    this.process = process;
    this.logFile = logFile;
  }

  /** Starts {@code command}, appending stdout and stderr to {@code logFile}. */
  static LocalProcess start(String name, List<String> command, Path logFile) {
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
    try {
      return new LocalProcess(name, builder.start(), logFile);
    } catch (IOException e) {
      throw new LocalServiceException("cannot start " + name + ": " + String.join(" ", command), e);
    }
  }

  /** Runs {@code command} to completion (output to {@code logFile}), failing on a non-zero exit. */
  static void run(String name, List<String> command, Path logFile, Duration timeout) {
    LocalProcess process = start(name, command, logFile);
    try {
      if (!process.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.stop();
        throw new LocalServiceException(name + " did not finish within " + timeout + process.logTailForError());
      }
    } catch (InterruptedException e) {
      process.stop();
      Thread.currentThread().interrupt();
      throw new LocalServiceException("interrupted while running " + name, e);
    }
    if (process.exitCode() != 0) {
      throw new LocalServiceException(
          name + " failed with exit code " + process.exitCode() + ": " + String.join(" ", command)
              + process.logTailForError());
    }
  }

  boolean isAlive() {
    return process.isAlive();
  }

  long pid() {
    return process.pid();
  }

  int exitCode() {
    return process.isAlive() ? -1 : process.exitValue();
  }

  Path logFile() {
    return logFile;
  }

  /** SIGTERM, wait up to {@link #DEFAULT_GRACE}, then SIGKILL. Returns once the process is gone. */
  void stop() {
    stop(DEFAULT_GRACE);
  }

  /** SIGTERM, wait up to {@code grace}, then SIGKILL. Returns once the process is gone. */
  void stop(Duration grace) {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(DEFAULT_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new LocalServiceException("interrupted while stopping " + name, e);
    }
  }

  /** The last lines of the log, formatted to be appended to an error message. */
  String logTailForError() {
    return "\n--- last lines of " + logFile + " ---\n" + String.join("\n", tail(logFile, TAIL_LINES));
  }

  static List<String> tail(Path file, int lines) {
    try {
      // Lenient decoding: a server log may contain bytes that are not UTF-8.
      List<String> all = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
      return new ArrayList<>(all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return List.of("(log not readable: " + e + ")");
    }
  }

  private static java.io.File nullDevice() {
    return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
  }
}
