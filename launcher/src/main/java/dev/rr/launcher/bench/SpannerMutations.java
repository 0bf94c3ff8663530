package dev.rr.launcher.bench;

import com.google.cloud.Timestamp;
import com.google.cloud.spanner.Key;
import com.google.cloud.spanner.Mutation;
import dev.rr.common.model.ModType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns generated transactions into Spanner mutations: inserts and updates as {@code
 * INSERT_OR_UPDATE} of the whole row (the change stream reports INSERT for a new row, UPDATE for
 * an existing one), deletes by key.
 */
final class SpannerMutations {

  private SpannerMutations() {}

  static List<Mutation> of(BenchTransaction transaction) {
    List<Mutation> mutations = new ArrayList<>(transaction.changes().size());
    for (BenchTransaction.Change change : transaction.changes()) {
      mutations.add(of(change));
    }
    return mutations;
  }

  static Mutation of(BenchTransaction.Change change) {
    BenchTable table = change.table();
    Map<String, Object> row = change.row();
    if (change.type() == ModType.DELETE) {
      Key.Builder key = Key.newBuilder();
      table.primaryKey().forEach(column -> key.append((Long) row.get(column)));
      return Mutation.delete(table.name(), key.build());
    }
    Mutation.WriteBuilder write = Mutation.newInsertOrUpdateBuilder(table.name());
    for (BenchColumn column : table.columns()) {
      Object value = row.get(column.name());
      switch (column.kind()) {
        case BIGINT, INT -> write.set(column.name()).to((Long) value);
        case TEXT -> write.set(column.name()).to((String) value);
        case MONEY -> write.set(column.name()).to((BigDecimal) value);
        case TIME -> write.set(column.name()).to(timestamp((Instant) value));
      }
    }
    return write.build();
  }

  private static Timestamp timestamp(Instant instant) {
    return instant == null
        ? null
        : Timestamp.ofTimeSecondsAndNanos(instant.getEpochSecond(), instant.getNano());
  }
}
