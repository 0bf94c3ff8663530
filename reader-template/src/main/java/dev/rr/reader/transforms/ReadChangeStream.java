package dev.rr.reader.transforms;

import dev.rr.common.config.ReaderConfig;
import dev.rr.reader.dao.SpannerConfigs;
import org.apache.beam.sdk.io.gcp.spanner.SpannerIO;
import org.apache.beam.sdk.io.gcp.spanner.changestreams.model.DataChangeRecord;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;

/**
 * Step 1: the change stream's data records from the start timestamp (inclusive) to the optional
 * end timestamp (inclusive), each at its commit timestamp as event time. Partition metadata goes
 * to the metadata database, in a table the connector names.
 */
public final class ReadChangeStream extends PTransform<PBegin, PCollection<DataChangeRecord>> {
  private final ReaderConfig config;

  private ReadChangeStream(ReaderConfig config) {
    this.config = config;
  }

  public static ReadChangeStream from(ReaderConfig config) {
    return new ReadChangeStream(config);
  }

  @Override
  public PCollection<DataChangeRecord> expand(PBegin begin) {
    SpannerIO.ReadChangeStream read =
        SpannerIO.readChangeStream()
            .withSpannerConfig(SpannerConfigs.data(config))
            .withChangeStreamName(config.changeStreamName())
            .withMetadataInstance(config.metadataDatabase().instanceId())
            .withMetadataDatabase(config.metadataDatabase().databaseId())
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
