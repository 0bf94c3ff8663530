package dev.rr.launcher;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs {@code rr} in-process with captured output, as a test would from a shell. */
public record RrRun(int exitCode, String out, String err) {

  /** Executes {@code rr args...} and captures its exit code, stdout and stderr. */
  public static RrRun of(String... args) {
    CommandLine commandLine = Rr.newCommandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int code = commandLine.execute(args);
    return new RrRun(code, out.toString(), err.toString());
  }
}
