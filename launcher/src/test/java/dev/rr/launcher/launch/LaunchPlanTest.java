package dev.rr.launcher.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rr.launcher.ExitCode;
import dev.rr.launcher.RrRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LaunchPlanTest {
  static final String[] DATAFLOW = {
    "launch", "--dry-run", "--runIdentifier=run1", "--spannerProjectId=proj", "--instanceId=inst",
    "--databaseId=appdb", "--changeStreamName=rrstream", "--bufferDirectory=gs://bkt/buffer",
    "--sourceShardsFilePath=gs://bkt/shards.json", "--sessionFilePath=gs://bkt/session.json",
    "--region=europe-west1", "--readerTemplate=gs://bkt/t/reader.json",
    "--writerTemplate=gs://bkt/t/writer.json", "--shardingCustomJarPath=gs://bkt/f.jar",
    "--shardingCustomClassName=com.example.Fetcher", "--shardingCustomParameters=a=1,b=2"
  };

  @Test
  void shouldPrintDdlDatabaseCommandsAndFollowUpsInDryRun() {
    RrRun run = RrRun.of(DATAFLOW);

    assertEquals(ExitCode.OK, run.exitCode(), run.err());
    String out = run.out();
    assertTrue(out.contains("CREATE CHANGE STREAM rrstream FOR ALL OPTIONS "
        + "(value_capture_type = 'NEW_ROW', retention_period = '7d')"), out);
    assertTrue(out.contains("metadata database projects/proj/instances/inst/databases/appdb_rrmeta"), out);
    assertTrue(out.contains("gcloud dataflow flex-template run rr-reader-run1 --project=proj "
        + "--region=europe-west1 --template-file-gcs-location=gs://bkt/t/reader.json "
        + "'--parameters=^~^changeStreamName=rrstream~instanceId=inst~databaseId=appdb"), out);
    assertTrue(out.contains("~shardingCustomParameters=a=1,b=2'"), out);
    assertTrue(out.contains("gcloud dataflow flex-template run rr-writer-run1 "), out);
    assertTrue(out.contains("GCSInputDirectoryPath=gs://bkt/buffer,"), out);
  }

  @Test
  void shouldPrintExactResumeRetryAndReprocessCommands() {
    String out = RrRun.of(DATAFLOW).out();

    assertTrue(out.contains("run rr-reader-run1-resume "), out);
    assertTrue(out.contains("~runIdentifier=run1~runMode=resume~"), out);
    assertTrue(out.contains("run rr-writer-run1-resumeall "), out);
    assertTrue(out.contains("runIdentifier=run1,runMode=resumeAll,"), out);
    assertTrue(out.contains("run rr-writer-run1-resumefailed "), out);
    assertTrue(out.contains("runIdentifier=run1,runMode=resumeFailed,"), out);
    assertTrue(out.contains("rr reprocess --runIdentifier run1 "), out);
    assertTrue(out.contains("runIdentifier=run1,runMode=reprocess,"), out);
    assertTrue(out.contains("run rr-writer-run1-reprocess "), out);
    assertFalse(out.contains("run rr-reader-run1-resumefailed"), "retry restarts only the writer:\n" + out);
  }

  @Test
  void shouldNameARetryLaunchLikeItsFollowUpNotLikeTheFirstJob() {
    String[] retry = java.util.Arrays.copyOf(DATAFLOW, DATAFLOW.length + 2);
    retry[DATAFLOW.length] = "--jobs=writer";
    retry[DATAFLOW.length + 1] = "--writerRunMode=resumeFailed";
    RrRun run = RrRun.of(retry);

    assertEquals(ExitCode.OK, run.exitCode(), run.err());
    String launched = run.out().substring(0, run.out().indexOf("rr status"));
    assertTrue(launched.contains("gcloud dataflow flex-template run rr-writer-run1-resumefailed "),
        run.out());
    assertFalse(launched.contains("run rr-writer-run1 "), run.out());
    assertFalse(launched.contains("run rr-reader-run1"), run.out());
  }

  @Test
  void shouldPrintInProcessPipelinesAndRrCommandsForDirectRunner(@TempDir Path dir) throws Exception {
    Path shards = Files.writeString(dir.resolve("shards.json"), "[" + LaunchValidationTest.shard("s1") + "]");
    RrRun run = RrRun.of("launch", "--dry-run", "--runner=direct", "--runIdentifier=local1",
        "--emulatorHost=localhost:9010", "--instanceId=inst", "--databaseId=appdb",
        "--changeStreamName=rrstream", "--bufferDirectory=/tmp/rr buffer",
        "--sourceShardsFilePath=" + shards, "--windowDuration=2s");

    assertEquals(ExitCode.OK, run.exitCode(), run.err());
    assertTrue(run.out().contains("Pipelines in this process (DirectRunner)"), run.out());
    assertTrue(run.out().contains("spannerEmulatorHost=localhost:9010"), run.out());
    assertTrue(run.out().contains("rr launch --jobs=both --runner=direct --runIdentifier=local1 "
        + "--readerRunMode=resume --writerRunMode=resumeAll --spannerProjectId=emulator-project"), run.out());
    assertTrue(run.out().contains("'--bufferDirectory=/tmp/rr buffer'"), run.out());
    assertTrue(run.out().contains("--windowDuration=2s"), run.out());
  }

  @Test
  void shouldDeriveRunIdentifierFromUtcSecond() {
    assertEquals("2024-05-01t10-15-30z",
        RunSettings.defaultRunIdentifier(Instant.parse("2024-05-01T10:15:30.987Z")));
  }
}
