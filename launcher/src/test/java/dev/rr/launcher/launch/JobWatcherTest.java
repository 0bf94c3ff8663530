package dev.rr.launcher.launch;

import static dev.rr.launcher.launch.FakeGcloud.describing;
import static dev.rr.launcher.launch.FakeGcloud.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rr.launcher.ExitCode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JobWatcherTest {
  static final DataflowSettings SETTINGS = new DataflowSettings("proj", "us-central1",
      "gs://b/reader.json", "gs://b/writer.json", Optional.empty(), Optional.empty(),
      Optional.empty(), List.of(), Optional.of(Duration.ofMinutes(20)));
  static final String READER_ID = "2026-12-06_03_04_05-1111111111111111111";
  static final String WRITER_ID = "2026-12-06_03_04_09-2222222222222222222";
  static final List<StartedJob> JOBS = List.of(
      new StartedJob("rr-reader-run1", Optional.of(READER_ID)),
      new StartedJob("rr-writer-run1", Optional.of(WRITER_ID)));

  private final StringWriter printed = new StringWriter();
  private final List<Duration> pauses = new ArrayList<>();
  private Instant now = Instant.parse("2026-12-06T03:05:00Z");

  private int await(FakeGcloud gcloud, Duration timeout) throws Exception {
    Clock clock = new Clock() {
      @Override public ZoneOffset getZone() {
        return ZoneOffset.UTC;
      }

      @Override public Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override public Instant instant() {
        return now;
      }
    };
    JobWatcher.Pause pause = duration -> {
      pauses.add(duration);
      now = now.plus(duration);
    };
    return new JobWatcher(gcloud, SETTINGS, clock, pause, new PrintWriter(printed, true))
        .await(JOBS, timeout);
  }

  @Test
  void shouldWaitUntilBothJobsRunThenSucceed() throws Exception {
    FakeGcloud gcloud = new FakeGcloud()
        .on("dataflow jobs describe " + READER_ID, describing(READER_ID, "JOB_STATE_QUEUED"),
            describing(READER_ID, "JOB_STATE_PENDING"), describing(READER_ID, "JOB_STATE_RUNNING"))
        .on("dataflow jobs describe " + WRITER_ID, describing(WRITER_ID, "JOB_STATE_QUEUED"),
            describing(WRITER_ID, "JOB_STATE_QUEUED"), describing(WRITER_ID, "JOB_STATE_QUEUED"),
            describing(WRITER_ID, "JOB_STATE_RUNNING"));

    int exit = await(gcloud, Duration.ofMinutes(20));

    assertEquals(ExitCode.OK, exit, printed.toString());
    assertEquals(List.of(JobWatcher.POLL_INTERVAL, JobWatcher.POLL_INTERVAL, JobWatcher.POLL_INTERVAL), pauses);
    assertEquals(List.of("gcloud", "dataflow", "jobs", "describe", READER_ID, "--project=proj",
        "--region=us-central1", "--format=json"), gcloud.calls.get(0));
    String text = printed.toString();
    assertTrue(text.contains("  rr-reader-run1 (" + READER_ID + "): JOB_STATE_QUEUED\n"), text);
    assertTrue(text.contains("  rr-reader-run1 (" + READER_ID + "): JOB_STATE_RUNNING\n"), text);
    assertEquals(1, text.split("rr-writer-run1 \\(" + WRITER_ID + "\\): JOB_STATE_QUEUED", -1).length - 1,
        "a state is printed once, when it changes: " + text);
    assertTrue(text.endsWith("all 2 job(s) running\n"), text);
  }

  @Test
  void shouldStopAtFailedJobWithItsErrorMessagesAndHowToCancelTheOther() throws Exception {
    String logs = "[\n  {\n    \"id\": \"1733454300123_0000000000\",\n    \"messageImportance\":"
        + " \"JOB_MESSAGE_ERROR\",\n    \"messageText\": \"Error occurred in the launcher container:"
        + " Template launch failed. See console logs.\",\n    \"time\": \"2026-12-06T03:06:00.123Z\"\n"
        + "  },\n  {\n    \"id\": \"1733454301456_0000000001\",\n    \"messageImportance\":"
        + " \"JOB_MESSAGE_ERROR\",\n    \"messageText\": \"java.lang.IllegalStateException: run run1"
        + " already exists\\n\\tat dev.rr.reader.ReaderBootstrap.check\",\n    \"time\":"
        + " \"2026-12-06T03:06:01.456Z\"\n  }\n]\n";
    FakeGcloud gcloud = new FakeGcloud()
        .on("dataflow jobs describe " + READER_ID, describing(READER_ID, "JOB_STATE_PENDING"),
            describing(READER_ID, "JOB_STATE_FAILED"))
        .on("dataflow jobs describe " + WRITER_ID, describing(WRITER_ID, "JOB_STATE_RUNNING"))
        .on("dataflow logs list " + READER_ID, ok(logs));

    int exit = await(gcloud, Duration.ofMinutes(20));

    assertEquals(ExitCode.FAILURE, exit);
    String text = printed.toString();
    assertTrue(text.contains("job rr-reader-run1 (" + READER_ID + ") stopped: JOB_STATE_FAILED\n"
        + "  error: Error occurred in the launcher container: Template launch failed. See console logs.\n"
        + "  error: java.lang.IllegalStateException: run run1 already exists\n"
        + "    \tat dev.rr.reader.ReaderBootstrap.check\n"), text);
    assertTrue(text.contains("rr-writer-run1 (" + WRITER_ID + ") was started too; to cancel it:"
        + " gcloud dataflow jobs cancel " + WRITER_ID + " --project=proj --region=us-central1"), text);
    assertTrue(gcloud.calls.contains(List.of("gcloud", "dataflow", "logs", "list", READER_ID,
        "--project=proj", "--region=us-central1", "--importance=error", "--format=json")),
        gcloud.calls.toString());
  }

  @Test
  void shouldCatchAJobThatFailsAfterItRan() throws Exception {
    FakeGcloud gcloud = new FakeGcloud()
        .on("dataflow jobs describe " + READER_ID, describing(READER_ID, "JOB_STATE_RUNNING"),
            describing(READER_ID, "JOB_STATE_CANCELLED"))
        .on("dataflow jobs describe " + WRITER_ID, describing(WRITER_ID, "JOB_STATE_PENDING"))
        .on("dataflow logs list " + READER_ID, ok("[]"));

    int exit = await(gcloud, Duration.ofMinutes(20));

    assertEquals(ExitCode.FAILURE, exit);
    assertTrue(printed.toString().contains("stopped: JOB_STATE_CANCELLED\n  (no error message found"),
        printed.toString());
  }

  @Test
  void shouldGiveUpAtTheTimeoutWhileAJobIsStillStarting() throws Exception {
    FakeGcloud gcloud = new FakeGcloud()
        .on("dataflow jobs describe " + READER_ID, describing(READER_ID, "JOB_STATE_RUNNING"))
        .on("dataflow jobs describe " + WRITER_ID, describing(WRITER_ID, "JOB_STATE_PENDING"));

    int exit = await(gcloud, Duration.ofSeconds(30));

    assertEquals(ExitCode.FAILURE, exit);
    assertEquals(3, pauses.size(), "30 s at one round every 10 s: " + pauses);
    assertTrue(printed.toString().contains("not every job runs after PT30S"), printed.toString());
  }

  @Test
  void shouldRetryAFailedDescribeThenGiveUpAfterThreeInARow() throws Exception {
    ProcessRunner.Result failed = new ProcessRunner.Result(1, "");
    FakeGcloud gcloud = new FakeGcloud()
        .on("dataflow jobs describe " + READER_ID, failed, describing(READER_ID, "JOB_STATE_RUNNING"))
        .on("dataflow jobs describe " + WRITER_ID, failed, ok("not json"), failed);

    int exit = await(gcloud, Duration.ofMinutes(20));

    assertEquals(ExitCode.FAILURE, exit);
    assertTrue(printed.toString().contains("cannot read the state of rr-writer-run1 (" + WRITER_ID
        + "): gcloud dataflow jobs describe failed 3 times in a row"), printed.toString());
  }

  @Test
  void shouldAcceptABoundedJobThatIsAlreadyDone() throws Exception {
    FakeGcloud gcloud = new FakeGcloud()
        .on("dataflow jobs describe " + READER_ID, describing(READER_ID, "JOB_STATE_DONE"))
        .on("dataflow jobs describe " + WRITER_ID, describing(WRITER_ID, "JOB_STATE_RUNNING"));

    assertEquals(ExitCode.OK, await(gcloud, Duration.ofMinutes(20)));
    assertEquals(List.of(), pauses);
  }
}
