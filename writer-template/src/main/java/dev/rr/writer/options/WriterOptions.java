package dev.rr.writer.options;

import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * The writer's pipeline options. The names are the interface operators know; every value is text
 * here and parsed once by {@link WriterConfigs#fromOptions} into a typed {@code WriterConfig},
 * which owns the defaults. An option left empty (as flex templates pass unset parameters) counts
 * as unset.
 */
public interface WriterOptions extends PipelineOptions {

  @Description(
      "Shards file (any Beam path): JSON array of {logicalShardId, host, port, user,"
          + " password | secretManagerUri, dbName}.")
  String getSourceShardsFilePath();

  void setSourceShardsFilePath(String value);

  @Description(
      "Session file of the Spanner migration tool (any Beam path). Default: none (identity"
          + " mapping: same table and column names).")
  String getSessionFilePath();

  void setSessionFilePath(String value);

  @Description("Type of the source databases: mysql (MySQL 8, MariaDB) or postgresql. Default: mysql.")
  String getSourceType();

  void setSourceType(String value);

  @Description(
      "Time zone offset of the source databases, +HH:MM or -HH:MM; Spanner TIMESTAMP values are"
          + " written in it. Default: the session file's TimezoneOffset, else +00:00.")
  String getSourceDbTimezoneOffset();

  void setSourceDbTimezoneOffset(String value);

  @Description(
      "Buffer directory the reader writes (gs://... or a local directory). Default: the"
          + " directory recorded in the run metadata.")
  String getGCSInputDirectoryPath();

  void setGCSInputDirectoryPath(String value);

  @Description("Project of the metadata Spanner instance. Default: the pipeline's project.")
  String getSpannerProjectId();

  void setSpannerProjectId(String value);

  @Description("Spanner instance of the metadata database.")
  String getMetadataInstance();

  void setMetadataInstance(String value);

  @Description("Spanner database holding the replication metadata tables.")
  String getMetadataDatabase();

  void setMetadataDatabase(String value);

  @Description(
      "Suffix of the metadata table names (letters, digits, underscores), as given to the"
          + " reader. Default: none.")
  String getMetadataTableSuffix();

  void setMetadataTableSuffix(String value);

  @Description("Identifier of the run to apply: the reader's runIdentifier.")
  String getRunIdentifier();

  void setRunIdentifier(String value);

  @Description(
      "regular (every shard), resume or resumeAll (every shard, from its checkpoint),"
          + " resumeSuccess (shards in SUCCESS), resumeFailed (shards in ERROR), reprocess"
          + " (shards set to REPROCESS). Default: regular.")
  String getRunMode();

  void setRunMode(String value);

  @Description(
      "Changes committed before this RFC 3339 timestamp are not applied. Default: the run's"
          + " start timestamp.")
  String getStartTimestamp();

  void setStartTimestamp(String value);

  @Description(
      "The writer stops once every change committed at or before this RFC 3339 timestamp is"
          + " applied. Default: the run's end timestamp; none means the writer never stops.")
  String getEndTimestamp();

  void setEndTimestamp(String value);

  @Description("Window length: Nms, Ns, Nm or Nh. Default: the run's window duration.")
  String getWindowDuration();

  void setWindowDuration(String value);

  @Description("Jar (any Beam path) holding a custom transformation. Default: none.")
  String getTransformationJarPath();

  void setTransformationJarPath(String value);

  @Description(
      "Class implementing dev.rr.writer.custom.CustomTransformation in"
          + " transformationJarPath. Default: none.")
  String getTransformationClassName();

  void setTransformationClassName(String value);

  @Description("Text handed to the custom transformation's init. Default: none.")
  String getTransformationCustomParameters();

  void setTransformationCustomParameters(String value);

  @Description("Most connections a worker opens to one shard (1-64). Default: 4.")
  String getMaxShardConnections();

  void setMaxShardConnections(String value);

  @Description(
      "Most change records per MySQL transaction (1-100000); a larger Spanner transaction is"
          + " never split. Default: 1000.")
  String getBatchSize();

  void setBatchSize(String value);

  @Description(
      "Wait before looking again for a window the reader has not finished: Nms, Ns, Nm or Nh."
          + " Default: 2s.")
  String getPollInterval();

  void setPollInterval(String value);

  @Description("Spanner endpoint URL. Default: the public endpoint.")
  String getSpannerHost();

  void setSpannerHost(String value);

  @Description("host:port of a Cloud Spanner emulator for the metadata database. Default: none.")
  String getSpannerEmulatorHost();

  void setSpannerEmulatorHost(String value);
}
