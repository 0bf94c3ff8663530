package dev.rr.writer.logic;

import dev.rr.common.model.ChangeRecord;
import dev.rr.common.mysql.MappedChange;
import dev.rr.common.sink.ShardDialect;
import dev.rr.common.routing.SpannerJsonValues;
import dev.rr.common.schema.SchemaMapping;
import dev.rr.common.schema.TableMapping;
import dev.rr.writer.custom.CustomTransformation;
import dev.rr.writer.custom.TransformationRequest;
import dev.rr.writer.custom.TransformationResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Maps one change record to the source row change to write: the schema mapping picks the source
 * table and columns, the dialect converts values, and the custom transformation (if any) may
 * override values or filter the event.
 */
public final class ChangeMapper {

  /** What happens to one record. */
  public sealed interface Outcome permits Write, Skip {}

  /** Write this row change. */
  public record Write(RowChange change) implements Outcome {}

  /** Do not write the record; keep it in the directory of {@code reason}. */
  public record Skip(SkipReason reason) implements Outcome {}

  /** Why a record is not written. */
  public enum SkipReason {
    /** The custom transformation filtered it. */
    FILTERED("_filtered"),
    /** Its Spanner table maps to no source table. */
    UNMAPPED_TABLE("_unmapped");

    private final String directoryName;

    SkipReason(String directoryName) {
      this.directoryName = directoryName;
    }

    /** Directory under the buffer where such records are kept, one subdirectory per shard. */
    public String directoryName() {
      return directoryName;
    }
  }

  private final SchemaMapping schema;
  private final ShardDialect dialect;
  private final CustomTransformation transformation;
  private final String shard;

  /**
   * @param transformation the custom transformation, or null when there is none
   */
  public ChangeMapper(
      SchemaMapping schema, ShardDialect dialect, CustomTransformation transformation, String shard) {
    this.schema = schema;
    this.dialect = dialect;
    this.transformation = transformation;
    this.shard = shard;
  }

  /**
   * The outcome for {@code record}.
   *
   * @throws dev.rr.common.mysql.MappingException when the record cannot be mapped (permanent)
   * @throws TransformationException when the custom transformation fails (permanent)
   */
  public Outcome map(ChangeRecord record) {
    Optional<TableMapping> table = schema.forSpannerTable(record.tableName());
    if (table.isEmpty()) {
      return new Skip(SkipReason.UNMAPPED_TABLE);
    }
    MappedChange change = dialect.map(record, table.get());
    if (transformation == null) {
      return new Write(RowChange.of(change, record));
    }
    TransformationResponse response = transform(record, table.get());
    if (response.filtered()) {
      return new Skip(SkipReason.FILTERED);
    }
    if (response.sourceValues().isEmpty()) {
      return new Write(RowChange.of(change, record));
    }
    Map<String, Object> key = new LinkedHashMap<>(change.key());
    Map<String, Object> values = new LinkedHashMap<>(change.values());
    response.sourceValues().forEach((column, value) -> {
      if (key.containsKey(column)) {
        key.put(column, value);
      }
      if (!change.isDelete()) {
        values.put(column, value);
      }
    });
    return new Write(RowChange.of(
        new MappedChange(change.sourceTable(), change.modType(), key, values), record));
  }

  private TransformationResponse transform(ChangeRecord record, TableMapping table) {
    TransformationRequest request =
        new TransformationRequest(
            record.tableName(), SpannerJsonValues.rowOf(record, table), shard, record.modType());
    TransformationResponse response;
    try {
      response = transformation.toSourceRow(request);
    } catch (RuntimeException e) {
      throw new TransformationException(
          "custom transformation " + transformation.getClass().getName() + " failed on a "
              + record.modType() + " of " + record.tableName() + " at " + record.commitTimestamp()
              + ": " + e,
          e);
    }
    if (response == null) {
      throw new TransformationException(
          "custom transformation " + transformation.getClass().getName()
              + " returned null for a " + record.modType() + " of " + record.tableName(),
          null);
    }
    return response;
  }
}
