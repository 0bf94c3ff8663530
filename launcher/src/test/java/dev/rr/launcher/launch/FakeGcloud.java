package dev.rr.launcher.launch;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A hand-written {@code gcloud}: answers each command by its first words ({@code dataflow jobs
 * describe <id>}, {@code dataflow flex-template run <name>}, ...) from a queue of scripted
 * results, the last one repeating, and records every argument vector it was given.
 */
final class FakeGcloud implements ProcessRunner {
  final List<List<String>> calls = new ArrayList<>();
  private final Map<String, Deque<Result>> answers = new HashMap<>();

  /** Scripts the answers to commands starting {@code gcloud <key words>}, in order. */
  FakeGcloud on(String key, Result... results) {
    answers.computeIfAbsent(key, k -> new ArrayDeque<>()).addAll(List.of(results));
    return this;
  }

  static Result ok(String stdout) {
    return new Result(0, stdout);
  }

  /** {@code jobs describe} output for a job in {@code state}, trimmed from a real one. */
  static Result describing(String id, String state) {
    return ok("{\n  \"createTime\": \"2026-12-06T03:04:05.123456Z\",\n  \"currentState\": \"" + state
        + "\",\n  \"currentStateTime\": \"2026-12-06T03:05:00.654321Z\",\n  \"id\": \"" + id
        + "\",\n  \"location\": \"us-central1\",\n  \"name\": \"rr-job\",\n  \"projectId\": \"proj\","
        + "\n  \"type\": \"JOB_TYPE_STREAMING\"\n}\n");
  }

  @Override
  public Result run(List<String> argv) {
    calls.add(List.copyOf(argv));
    String key = String.join(" ", argv.subList(1, Math.min(argv.size(), 5)));
    Deque<Result> queue = answers.get(key);
    if (queue == null || queue.isEmpty()) {
      throw new AssertionError("unexpected gcloud call: " + argv);
    }
    return queue.size() > 1 ? queue.poll() : queue.peek();
  }
}
