package dev.rr.common.metadata;

import dev.rr.common.config.TableSuffix;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Names of the three metadata tables, with the optional {@code _<suffix>} that lets several
 * replication setups share one metadata database.
 */
public final class MetadataTables implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Base name of the run table: one row per run. */
  public static final String RUN_BASE_NAME = "spanner_to_gcs_metadata";

  /** Base name of the reader's per-shard progress table. */
  public static final String FILE_CREATE_PROGRESS_BASE_NAME = "shard_file_create_progress";

  /** Base name of the writer's per-shard progress table. */
  public static final String FILE_PROCESS_PROGRESS_BASE_NAME = "shard_file_process_progress";

  /** Base names in creation order. */
  public static final List<String> BASE_NAMES =
      List.of(RUN_BASE_NAME, FILE_CREATE_PROGRESS_BASE_NAME, FILE_PROCESS_PROGRESS_BASE_NAME);

  /** Spanner identifiers are at most 128 characters; keep room for the longest base name. */
  static final int MAX_SUFFIX_LENGTH =
      128 - 1 - BASE_NAMES.stream().mapToInt(String::length).max().orElseThrow();

  private final String suffix;

  private MetadataTables(String suffix) {
    this.suffix = suffix;
  }

  /** The tables without suffix: {@code spanner_to_gcs_metadata}, ... */
  public static MetadataTables withoutSuffix() {
    return new MetadataTables(null);
  }

  /**
   * The tables named {@code <base>_<suffix>}.
   *
   * @param suffix letters, digits and underscores only, without the leading underscore
   * @throws IllegalArgumentException naming the suffix when it is not valid
   */
  public static MetadataTables withSuffix(String suffix) {
    if (!TableSuffix.isValid(suffix)) {
      throw new IllegalArgumentException(
          "metadata table suffix "
              + (suffix == null ? "null" : "'" + suffix + "'")
              + " is not valid: use only letters, digits and underscores");
    }
    if (suffix.length() > MAX_SUFFIX_LENGTH) {
      throw new IllegalArgumentException(
          "metadata table suffix '"
              + suffix
              + "' is too long: at most "
              + MAX_SUFFIX_LENGTH
              + " characters");
    }
    return new MetadataTables(suffix);
  }

  /** The tables named {@code <base>_<suffix>} for a validated configuration suffix. */
  public static MetadataTables withSuffix(TableSuffix suffix) {
    return withSuffix(suffix.value());
  }

  /** The tables for the configured {@code metadataTableSuffix}, which may be absent. */
  public static MetadataTables of(Optional<TableSuffix> suffix) {
    return suffix.map(MetadataTables::withSuffix).orElseGet(MetadataTables::withoutSuffix);
  }

  /** The suffix without its leading underscore, if any. */
  public Optional<String> suffix() {
    return Optional.ofNullable(suffix);
  }

  /** What the DDL placeholder {@code ${suffix}} becomes: {@code ""} or {@code "_<suffix>"}. */
  public String nameSuffix() {
    return suffix == null ? "" : "_" + suffix;
  }

  /** The name of the table whose base name is {@code baseName}. */
  public String name(String baseName) {
    if (!BASE_NAMES.contains(baseName)) {
      throw new IllegalArgumentException(
          "'" + baseName + "' is not a metadata table; known: " + BASE_NAMES);
    }
    return baseName + nameSuffix();
  }

  /** The run table, {@code spanner_to_gcs_metadata[_suffix]}. */
  public String run() {
    return name(RUN_BASE_NAME);
  }

  /** The reader's progress table, {@code shard_file_create_progress[_suffix]}. */
  public String fileCreateProgress() {
    return name(FILE_CREATE_PROGRESS_BASE_NAME);
  }

  /** The writer's progress table, {@code shard_file_process_progress[_suffix]}. */
  public String fileProcessProgress() {
    return name(FILE_PROCESS_PROGRESS_BASE_NAME);
  }

  /** All three table names, in creation order. */
  public List<String> all() {
    return BASE_NAMES.stream().map(this::name).toList();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MetadataTables other && Objects.equals(suffix, other.suffix);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(suffix);
  }

  @Override
  public String toString() {
    return "MetadataTables" + all();
  }
}
