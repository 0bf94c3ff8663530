package dev.rr.launcher.status;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/** Deletes every file under a buffer directory ({@code gs://} or local) through Beam FileSystems. */
public final class BufferDeletion {
  private BufferDeletion() {}

  /**
   * Deletes all files below {@code bufferDirectory}.
   *
   * @return how many files were deleted
   */
  public static int deleteAll(String bufferDirectory) throws IOException {
    FileSystems.setDefaultPipelineOptions(PipelineOptionsFactory.create());
    String root = bufferDirectory.endsWith("/") ? bufferDirectory : bufferDirectory + "/";
    MatchResult match = FileSystems.match(root + "**", EmptyMatchTreatment.ALLOW);
    List<ResourceId> files = new ArrayList<>();
    if (match.status() == MatchResult.Status.OK) {
      match.metadata().forEach(m -> files.add(m.resourceId()));
    }
    FileSystems.delete(files, MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
    return files.size();
  }
}
