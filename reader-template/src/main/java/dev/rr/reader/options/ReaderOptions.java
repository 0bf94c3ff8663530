package dev.rr.reader.options;

import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * The reader's pipeline options. The names are the interface operators know; every value is text
 * here and parsed once by {@link ReaderConfigs#fromOptions} into a typed {@code ReaderConfig},
 * which owns the defaults. An option left empty (as flex templates pass unset parameters) counts
 * as unset.
 */
public interface ReaderOptions extends PipelineOptions {

  @Description("Name of the Spanner change stream to read.")
  String getChangeStreamName();

  void setChangeStreamName(String value);

  @Description("Spanner instance of the database whose change stream is read.")
  String getInstanceId();

  void setInstanceId(String value);

  @Description("Spanner database whose change stream is read.")
  String getDatabaseId();

  void setDatabaseId(String value);

  @Description("Project of the Spanner instances. Default: the pipeline's project.")
  String getSpannerProjectId();

  void setSpannerProjectId(String value);

  @Description("Spanner instance of the metadata database. Default: instanceId.")
  String getMetadataInstance();

  void setMetadataInstance(String value);

  @Description(
      "Spanner database for the change-stream partition metadata and the replication metadata"
          + " tables (created if missing).")
  String getMetadataDatabase();

  void setMetadataDatabase(String value);

  @Description(
      "First commit timestamp to read, inclusive, RFC 3339 (e.g. 2024-01-31T12:00:00Z), rounded"
          + " down to the millisecond; also the start of the first window. Default: now.")
  String getStartTimestamp();

  void setStartTimestamp(String value);

  @Description(
      "Last commit timestamp to read, inclusive, RFC 3339. Default: none (the run never ends).")
  String getEndTimestamp();

  void setEndTimestamp(String value);

  @Description(
      "Session file of the Spanner migration tool (any Beam path): table mapping and"
          + " ShardIdColumn. Default: none (identity mapping).")
  String getSessionFilePath();

  void setSessionFilePath(String value);

  @Description(
      "Type of the source databases: mysql (MySQL 8, MariaDB) or postgresql; decides how the"
          + " shards file is read (PostgreSQL: port optional, schemaName). Default: mysql.")
  String getSourceType();

  void setSourceType(String value);

  @Description("Length of each window file's interval: Nms, Ns, Nm or Nh. Default: 10s.")
  String getWindowDuration();

  void setWindowDuration(String value);

  @Description(
      "Buffer directory the window files are written to: gs://bucket/path or any Beam path.")
  String getGcsOutputDirectory();

  void setGcsOutputDirectory(String value);

  @Description(
      "forward_migration: drop writes of the forward migration (transaction tag starting with"
          + " txBy=); none: keep every record. Default: forward_migration.")
  String getFiltrationMode();

  void setFiltrationMode(String value);

  @Description("Shards file: JSON array of the logical shards (any Beam path).")
  String getSourceShardsFilePath();

  void setSourceShardsFilePath(String value);

  @Description(
      "Suffix for the metadata table names (letters, digits, underscores), appended as _<suffix>."
          + " Default: none.")
  String getMetadataTableSuffix();

  void setMetadataTableSuffix(String value);

  @Description(
      "Directory under the buffer for records of tables the session does not map; records whose"
          + " shard id is not in the shards file go to <skipDirectoryName>-unknown-shard."
          + " Default: skip.")
  String getSkipDirectoryName();

  void setSkipDirectoryName(String value);

  @Description(
      "Identifier of the run, shared with the writer; required to resume."
          + " Default: run_<start timestamp as yyyyMMddTHHmmssZ>.")
  String getRunIdentifier();

  void setRunIdentifier(String value);

  @Description(
      "regular: a new run from startTimestamp; resume: continue run runIdentifier from the"
          + " earliest window any shard still needs. Default: regular.")
  String getRunMode();

  void setRunMode(String value);

  @Description("Jar (any Beam path) with a custom ShardIdFetcher. Default: none.")
  String getShardingCustomJarPath();

  void setShardingCustomJarPath(String value);

  @Description("Class name of the custom ShardIdFetcher in shardingCustomJarPath. Default: none.")
  String getShardingCustomClassName();

  void setShardingCustomClassName(String value);

  @Description("Text passed to the custom ShardIdFetcher's init. Default: none.")
  String getShardingCustomParameters();

  void setShardingCustomParameters(String value);

  @Description("Custom Spanner endpoint URL, e.g. https://spanner.googleapis.com. Default: none.")
  String getSpannerHost();

  void setSpannerHost(String value);

  @Description(
      "host:port of a Cloud Spanner emulator; every Spanner call (data and metadata) goes there."
          + " Default: none.")
  String getSpannerEmulatorHost();

  void setSpannerEmulatorHost(String value);

  @Description("Priority of the Spanner requests: LOW, MEDIUM or HIGH. Default: HIGH.")
  String getRpcPriority();

  void setRpcPriority(String value);

  @Description("true reads the change stream in the connector's low-latency mode: 100 ms heartbeats"
      + " and frequent checkpoints, so records and the watermark move within about a second instead"
      + " of in bursts, at the cost of more change-stream queries. Default: false.")
  String getLowLatency();

  void setLowLatency(String value);
}
