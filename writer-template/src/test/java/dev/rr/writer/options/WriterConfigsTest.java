package dev.rr.writer.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rr.common.config.ConfigException;
import dev.rr.common.config.WriterConfig;
import dev.rr.common.config.WriterRunMode;
import java.util.Optional;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;

class WriterConfigsTest {

  private static WriterOptions options(String... args) {
    PipelineOptionsFactory.register(WriterOptions.class);
    return PipelineOptionsFactory.fromArgs(args).as(WriterOptions.class);
  }

  @Test
  void shouldParseCommandLineOptionsIncludingTheUpperCaseBufferOption() {
    WriterConfig config =
        WriterConfigs.fromOptions(
            options(
                "--sourceShardsFilePath=/tmp/shards.json",
                "--GCSInputDirectoryPath=/tmp/buffer",
                "--spannerProjectId=p",
                "--metadataInstance=i",
                "--metadataDatabase=meta",
                "--runIdentifier=run1",
                "--runMode=resumeAll",
                "--batchSize=50"));

    assertEquals(Optional.of("/tmp/buffer"), config.bufferDirectory());
    assertEquals(WriterRunMode.RESUME_ALL, config.runMode());
    assertEquals(50, config.batchSize());
  }

  @Test
  void shouldTreatEmptyTemplateParametersAsUnset() {
    WriterConfig config =
        WriterConfigs.fromOptions(
            options(
                "--sourceShardsFilePath=/tmp/shards.json",
                "--spannerProjectId=p",
                "--metadataInstance=i",
                "--metadataDatabase=meta",
                "--runIdentifier=run1",
                "--sessionFilePath=",
                "--runMode=",
                "--endTimestamp="));

    assertEquals(Optional.empty(), config.sessionFilePath());
    assertEquals(WriterRunMode.REGULAR, config.runMode());
    assertEquals(Optional.empty(), config.endTimestamp());
  }

  @Test
  void shouldReportEveryMissingOptionAtOnce() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> WriterConfigs.fromOptions(options("--project=p", "--runMode=sometimes")));

    assertTrue(e.problems().size() >= 5, e.getMessage());
    assertTrue(e.getMessage().contains("runMode must be one of"), e.getMessage());
  }
}
