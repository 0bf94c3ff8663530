package dev.rr.launcher.launch;

import java.util.Map;
import org.apache.beam.sdk.PipelineResult;

/**
 * Starts one pipeline (reader or writer) in this process from its documented options, without
 * waiting for it to finish; the DirectRunner path of {@code rr launch} and the quickstart use it.
 */
public interface PipelineStarter {
  /**
   * Starts the pipeline.
   *
   * @param parameters the pipeline's options by name, as {@link PipelineParameters} builds them
   */
  PipelineResult start(Map<String, String> parameters) throws Exception;
}
