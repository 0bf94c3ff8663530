package dev.rr.reader.transforms;

import dev.rr.common.config.ReaderConfig;
import dev.rr.reader.dao.SpannerConfigs;
import org.apache.beam.sdk.io.gcp.spanner.SpannerIO;
import org.apache.beam.sdk.io.gcp.spanner.changestreams.dao.PartitionMetadataTableNames;
import org.apache.beam.sdk.io.gcp.spanner.changestreams.model.DataChangeRecord;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;

/**
 * Step 1: the change stream's data records from the start timestamp (inclusive) to the optional
 * end timestamp (inclusive), each at its commit timestamp as event time. Partition metadata goes
 * to the metadata database, in a new table per launch named like the connector names its own
 * ({@link #newPartitionTableName}); the reader reads its partition watermarks to know how far the
 * stream was really read ({@code ConnectorReadPosition}).
 */
public final class ReadChangeStream extends PTransform<PBegin, PCollection<DataChangeRecord>> {
  private final ReaderConfig config;
  private final String partitionTable;

  private ReadChangeStream(ReaderConfig config, String partitionTable) {
    this.config = config;
    this.partitionTable = partitionTable;
  }

  /**
   * Reads {@code config}'s change stream, keeping the connector's partitions in {@code
   * partitionTable} of the metadata database (a table that does not exist yet: an existing one
   * would make the connector continue from its partitions).
   */
  public static ReadChangeStream from(ReaderConfig config, String partitionTable) {
    return new ReadChangeStream(config, partitionTable);
  }

  /**
   * A new partition table name for one launch, made by the connector's own generator (the name it
   * would choose itself: {@code Metadata_<database>_<uuid>}, cut to its length limit).
   */
  public static String newPartitionTableName(ReaderConfig config) {
    return PartitionMetadataTableNames.generateRandom(config.metadataDatabase().databaseId())
        .getTableName();
  }

  @Override
  public PCollection<DataChangeRecord> expand(PBegin begin) {
    SpannerIO.ReadChangeStream read =
        SpannerIO.readChangeStream()
            .withSpannerConfig(SpannerConfigs.data(config))
            .withChangeStreamName(config.changeStreamName())
            .withMetadataInstance(config.metadataDatabase().instanceId())
            .withMetadataDatabase(config.metadataDatabase().databaseId())
            .withMetadataTable(partitionTable)
            .withInclusiveStartAt(config.startTimestamp())
            .withRpcPriority(config.rpcPriority());
    if (config.lowLatency()) {
      read = read.withLowLatency();
    }
    if (config.endTimestamp().isPresent()) {
      read = read.withInclusiveEndAt(config.endTimestamp().get());
    }
    return begin.apply("SpannerChangeStream", read);
  }
}
