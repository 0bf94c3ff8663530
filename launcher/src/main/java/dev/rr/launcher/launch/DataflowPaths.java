package dev.rr.launcher.launch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a Dataflow launch needs of its paths and values: every file a worker or the Dataflow
 * service reads is on Cloud Storage ({@code gs://}; a local path exists only on the operator's
 * machine), and every parameter passes the regexes of the template's shipped metadata.
 */
public final class DataflowPaths {
  private static final String GCS = "gs://";

  private DataflowPaths() {}

  /** True when {@code path} is not a local path (it has a URI scheme such as {@code gs://}). */
  public static boolean isRemote(String path) {
    return path.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*");
  }

  /** The problems of the Dataflow launch {@code config}, one sentence each. */
  public static List<String> problems(LaunchConfig config) {
    List<String> problems = new ArrayList<>();
    paths(config).forEach((option, path) -> {
      if (!path.startsWith(GCS)) {
        problems.add(option + " " + path + ": Dataflow jobs read their files from Cloud Storage;"
            + " give a gs:// path");
      }
    });
    if (config.run().jobs().includesReader()) {
      problems.addAll(TemplateMetadata.reader().regexProblems(PipelineParameters.reader(config)));
    }
    if (config.run().jobs().includesWriter()) {
      problems.addAll(TemplateMetadata.writer().regexProblems(PipelineParameters.writer(config)));
    }
    return problems;
  }

  /** Every path of the launch by the option that gives it (only those the launch uses). */
  private static Map<String, String> paths(LaunchConfig config) {
    DataflowSettings dataflow = config.dataflow().orElseThrow();
    ReplicationSettings rep = config.replication();
    Map<String, String> paths = new LinkedHashMap<>();
    if (config.run().jobs().includesReader()) {
      paths.put("--readerTemplate", dataflow.readerTemplate());
    }
    if (config.run().jobs().includesWriter()) {
      paths.put("--writerTemplate", dataflow.writerTemplate());
    }
    paths.put("--bufferDirectory", rep.bufferDirectory());
    rep.sessionFile().ifPresent(f -> paths.put("--sessionFilePath", f));
    paths.put("--sourceShardsFilePath", rep.shardsFile());
    config.customCode().shardIdFetcher().ifPresent(p -> paths.put("--shardingCustomJarPath", p.jarPath()));
    config.customCode().transformation().ifPresent(p -> paths.put("--transformationJarPath", p.jarPath()));
    return paths;
  }
}
