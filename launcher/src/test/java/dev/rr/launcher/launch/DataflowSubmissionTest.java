package dev.rr.launcher.launch;

import static dev.rr.launcher.launch.FakeGcloud.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DataflowSubmissionTest {
  static final DataflowSettings SETTINGS = JobWatcherTest.SETTINGS;
  static final GcloudFlexTemplateCommand READER = GcloudFlexTemplateCommand.of(
      "rr-reader-run1", "gs://b/reader.json", Map.of("runIdentifier", "run1"), SETTINGS);
  static final GcloudFlexTemplateCommand WRITER = GcloudFlexTemplateCommand.of(
      "rr-writer-run1", "gs://b/writer.json", Map.of("runIdentifier", "run1"), SETTINGS);

  /** {@code flex-template run --format=json} output: the LaunchFlexTemplateResponse. */
  static ProcessRunner.Result launched(String id, String name) {
    return ok("{\n  \"job\": {\n    \"createTime\": \"2026-12-06T03:04:05.123456Z\",\n"
        + "    \"currentStateTime\": \"1970-01-01T00:00:00Z\",\n    \"id\": \"" + id + "\",\n"
        + "    \"location\": \"us-central1\",\n    \"name\": \"" + name + "\",\n"
        + "    \"projectId\": \"proj\",\n    \"startTime\": \"2026-12-06T03:04:05.123456Z\"\n  }\n}\n");
  }

  private final StringWriter printed = new StringWriter();

  private Optional<List<StartedJob>> submit(FakeGcloud gcloud) throws Exception {
    return new DataflowSubmission(gcloud, SETTINGS, new PrintWriter(printed, true))
        .submit(List.of(READER, WRITER));
  }

  @Test
  void shouldReportEachJobIdWithTheCommandsToWatchIt() throws Exception {
    FakeGcloud gcloud = new FakeGcloud()
        .on("dataflow flex-template run rr-reader-run1", launched("2026-12-06_03_04_05-111", "rr-reader-run1"))
        .on("dataflow flex-template run rr-writer-run1", launched("2026-12-06_03_04_09-222", "rr-writer-run1"));

    Optional<List<StartedJob>> started = submit(gcloud);

    assertEquals(Optional.of(List.of(
        new StartedJob("rr-reader-run1", Optional.of("2026-12-06_03_04_05-111")),
        new StartedJob("rr-writer-run1", Optional.of("2026-12-06_03_04_09-222")))), started);
    List<String> expectedReaderArgv = new ArrayList<>(READER.argv());
    expectedReaderArgv.add("--format=json");
    assertEquals(expectedReaderArgv, gcloud.calls.get(0));
    assertTrue(printed.toString().contains("started rr-reader-run1: job id 2026-12-06_03_04_05-111\n"
        + "  watch:   gcloud dataflow jobs describe 2026-12-06_03_04_05-111 --project=proj"
        + " --region=us-central1 '--format=value(currentState)'\n"
        + "  console: https://console.cloud.google.com/dataflow/jobs/us-central1/"
        + "2026-12-06_03_04_05-111?project=proj\n"), printed.toString());
  }

  @Test
  void shouldStopAtAFailedGcloudAndSayHowToCancelTheJobAlreadyStarted() throws Exception {
    FakeGcloud gcloud = new FakeGcloud()
        .on("dataflow flex-template run rr-reader-run1", launched("2026-12-06_03_04_05-111", "rr-reader-run1"))
        .on("dataflow flex-template run rr-writer-run1", new ProcessRunner.Result(1, ""));

    assertEquals(Optional.empty(), submit(gcloud));
    assertTrue(printed.toString().contains("gcloud exited with 1; nothing after it was started\n"
        + "  already started: rr-reader-run1; to cancel it: gcloud dataflow jobs cancel"
        + " 2026-12-06_03_04_05-111 --project=proj --region=us-central1\n"), printed.toString());
  }

  @Test
  void shouldSayWhereToFindAJobWhoseIdGcloudDidNotPrint() throws Exception {
    FakeGcloud gcloud = new FakeGcloud()
        .on("dataflow flex-template run rr-reader-run1", ok("WARNING: something\n"))
        .on("dataflow flex-template run rr-writer-run1", launched("2026-12-06_03_04_09-222", "rr-writer-run1"));

    Optional<List<StartedJob>> started = submit(gcloud);

    assertEquals(Optional.empty(), started.orElseThrow().get(0).id());
    assertTrue(printed.toString().contains("started rr-reader-run1; gcloud reported no job id (its"
        + " output: WARNING: something)\n  find it with: gcloud dataflow jobs list --project=proj"
        + " --region=us-central1 --filter=name=rr-reader-run1"), printed.toString());
  }

  @Test
  void shouldReadJobIdAndStateFromGcloudJson() {
    assertEquals(Optional.of("2026-12-06_03_04_05-111"),
        GcloudJobs.launchedJobId(launched("2026-12-06_03_04_05-111", "x").stdout()));
    assertEquals(Optional.empty(), GcloudJobs.launchedJobId("job:\n  id: 2026-x\n"));
    assertEquals(Optional.of("JOB_STATE_PENDING"),
        GcloudJobs.currentState(FakeGcloud.describing("id1", "JOB_STATE_PENDING").stdout()));
    assertEquals(List.of(), GcloudJobs.messageTexts(""));
    assertEquals(DataflowJobState.STARTING, DataflowJobState.of("JOB_STATE_STOPPED"));
    assertEquals(DataflowJobState.STARTING, DataflowJobState.of("JOB_STATE_RESOURCE_CLEANING_UP"));
    assertEquals(DataflowJobState.STOPPED, DataflowJobState.of("JOB_STATE_DRAINED"));
    assertEquals(DataflowJobState.STOPPED, DataflowJobState.of("JOB_STATE_UPDATED"));
    assertEquals(DataflowJobState.RUNNING, DataflowJobState.of("JOB_STATE_RUNNING"));
  }
}
