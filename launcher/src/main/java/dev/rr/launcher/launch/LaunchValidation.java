package dev.rr.launcher.launch;

import dev.rr.common.config.ConfigProblems;
import dev.rr.common.config.ReaderConfig;
import dev.rr.common.input.InputFileException;
import dev.rr.common.input.SessionFile;
import dev.rr.common.input.Shard;
import dev.rr.common.input.ShardsFile;
import dev.rr.common.schema.SchemaMapping;
import dev.rr.reader.dao.SpannerIdentityMapping;
import dev.rr.reader.logic.OutputLayout;
import dev.rr.reader.logic.RunChecks;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Everything about a launch that can be checked without a service: options, the parameters the
 * templates would parse (and, on Dataflow, the regexes of their metadata and {@code gs://}
 * paths), and the input files with the reader's start-up rules (shard ids that collide with the
 * reader's own directories, several shards with no routing rule). Runs before a dry run prints
 * anything and before a launch touches anything.
 */
public final class LaunchValidation {
  /** Nothing reads an input file's secrets here: only the shard ids and the file's shape count. */
  private static final dev.rr.common.input.SecretResolver NO_SECRETS = uri -> "";

  private LaunchValidation() {}

  /**
   * The problems of {@code config}, one sentence each; empty when the launch may go ahead.
   *
   * @param readRemoteFiles also read {@code gs://} input files (a launch does; a dry run, which
   *     must work offline, reads local files only)
   */
  public static List<String> problems(LaunchConfig config, boolean readRemoteFiles) {
    List<String> problems = new ArrayList<>(ExtraParameters.problems(config));
    config.dataflow().ifPresent(dataflow -> problems.addAll(DataflowPaths.problems(config)));
    if (!problems.isEmpty()) {
      // Unknown or overridden parameters make the templates' own parsing meaningless.
      return problems;
    }
    Optional<ReaderConfig> reader = Optional.empty();
    if (config.run().jobs().includesReader()) {
      reader = parse(() -> PipelineConfigs.reader(PipelineParameters.reader(config)), problems);
    }
    if (config.run().jobs().includesWriter()) {
      parse(() -> PipelineConfigs.writer(PipelineParameters.writer(config)), problems);
    }
    ReplicationSettings rep = config.replication();
    Optional<List<Shard>> shards = readable(rep.shardsFile(), readRemoteFiles)
        ? parse(() -> ShardsFile.load(rep.shardsFile(), NO_SECRETS, rep.sourceType()), problems) : Optional.empty();
    Optional<SchemaMapping> mapping = rep.sessionFile().isEmpty()
        ? Optional.of(new SpannerIdentityMapping(List.of()))
        : readable(rep.sessionFile().get(), readRemoteFiles)
            ? parse(() -> SessionFile.load(rep.sessionFile().get()), problems) : Optional.empty();
    if (reader.isPresent() && shards.isPresent()) {
      ConfigProblems rules = new ConfigProblems();
      List<String> ids = shards.get().stream().map(Shard::logicalShardId).toList();
      RunChecks.shardIdsAreNotReserved(ids, OutputLayout.of(reader.get()), rules);
      mapping.ifPresent(m -> RunChecks.routingRuleExists(
          ids, config.customCode().shardIdFetcher().isPresent(), m, rules));
      problems.addAll(rules.problems());
    }
    return problems;
  }

  /** True when {@code path} is read in this validation: local always, remote when asked. */
  static boolean readable(String path, boolean readRemoteFiles) {
    return readRemoteFiles || !DataflowPaths.isRemote(path);
  }

  private static <T> Optional<T> parse(Supplier<T> parse, List<String> problems) {
    try {
      return Optional.of(parse.get());
    } catch (dev.rr.common.config.ConfigException e) {
      problems.addAll(e.problems());
    } catch (InputFileException | IllegalArgumentException e) {
      problems.add(e.getMessage());
    }
    return Optional.empty();
  }
}
