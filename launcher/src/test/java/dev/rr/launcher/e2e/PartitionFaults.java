package dev.rr.launcher.e2e;

import com.google.cloud.spanner.DatabaseClient;
import com.google.cloud.spanner.Key;
import com.google.cloud.spanner.Mutation;
import com.google.cloud.spanner.ResultSet;
import com.google.cloud.spanner.Statement;
import com.google.cloud.spanner.Value;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Faults done to the change-stream connector's partition table in the metadata database: the
 * footprint of Apache Beam issue 40232, a finished partition (other than the root) that no
 * partition names as a parent. The first {@code Metadata_} table of the metadata database is the
 * first reader's.
 */
final class PartitionFaults {
  /** Partitions in the table that name {@code @orphan} as a parent, with their state. */
  private static final String CHILDREN = "SELECT PartitionToken, State FROM `%s`"
      + " WHERE @orphan IN UNNEST(ParentTokens)";
  /**
   * A finished partition whose children are all still {@code CREATED}: inserted by their parent,
   * not yet scheduled by the connector, so none of their changes has been read. Each child has
   * this one parent: a child of a merge would be inserted again by its other parent when that
   * one finishes, and read after all.
   */
  private static final String WITH_UNREAD_CHILDREN = "SELECT p.PartitionToken FROM `%1$s` p"
      + " WHERE p.State = 'FINISHED' AND p.PartitionToken <> 'Parent0'"
      + " AND EXISTS (SELECT 1 FROM `%1$s` c WHERE p.PartitionToken IN UNNEST(c.ParentTokens))"
      + " AND NOT EXISTS (SELECT 1 FROM `%1$s` c WHERE p.PartitionToken IN UNNEST(c.ParentTokens)"
      + " AND (c.State <> 'CREATED' OR ARRAY_LENGTH(c.ParentTokens) > 1)) LIMIT 1";

  private PartitionFaults() {}

  /**
   * Takes a finished partition whose children the connector has not scheduled yet (all {@code
   * CREATED}), and deletes them before they are read: the changes of their key range from the
   * parent's end on are never read by this reader. Children stay {@code CREATED} only until the
   * connector's next scheduling pass, so the table is searched often.
   *
   * @return the partition's token
   */
  static String orphanBeforeItsChildrenAreRead(ReplicationFixture fixture, Duration patience)
      throws InterruptedException {
    return orphan(fixture, patience, WITH_UNREAD_CHILDREN, "CREATED", Duration.ofMillis(20));
  }

  /**
   * Searches with {@code query} until a partition is found whose children are all in {@code
   * childState} when the deleting transaction reads them, deletes them and stamps the partition
   * finished again (so that a search for partitions finished since the last one sees it).
   */
  private static String orphan(ReplicationFixture fixture, Duration patience, String query,
      String childState, Duration pause) throws InterruptedException {
    DatabaseClient meta = fixture.env.client(fixture.metadata);
    long deadline = System.nanoTime() + patience.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<String> table = firstString(meta, Statement.of("SELECT table_name FROM"
          + " information_schema.tables WHERE table_schema = ''"
          + " AND STARTS_WITH(table_name, 'Metadata_') ORDER BY table_name LIMIT 1"));
      Optional<String> token = table.flatMap(name ->
          firstString(meta, Statement.of(String.format(query, name))));
      if (token.isPresent()
          && deleteChildren(meta, table.get(), token.get(), childState) > 0) {
        fixture.log("partition %s of %s left finished without its child partitions (they were %s)",
            token.get(), table.get(), childState);
        return token.get();
      }
      Thread.sleep(pause.toMillis());
    }
    throw new IllegalStateException("no finished change-stream partition with " + childState
        + " children within " + patience);
  }

  /** Deletes {@code orphan}'s children if all are in {@code childState}; returns how many. */
  private static int deleteChildren(DatabaseClient meta, String table, String orphan,
      String childState) {
    Integer deleted = meta.readWriteTransaction().run(transaction -> {
      List<Mutation> changes = new ArrayList<>();
      try (ResultSet children = transaction.executeQuery(Statement.newBuilder(
          String.format(CHILDREN, table)).bind("orphan").to(orphan).build())) {
        while (children.next()) {
          if (!childState.equals(children.getString(1))) {
            // Moved on since the search: this partition will not do.
            return 0;
          }
          changes.add(Mutation.delete(table, Key.of(children.getString(0))));
        }
      }
      int children = changes.size();
      if (children == 0) {
        return 0;
      }
      changes.add(Mutation.newUpdateBuilder(table).set("PartitionToken").to(orphan)
          .set("FinishedAt").to(Value.COMMIT_TIMESTAMP).build());
      transaction.buffer(changes);
      return children;
    });
    return deleted == null ? 0 : deleted;
  }

  private static Optional<String> firstString(DatabaseClient client, Statement query) {
    try (ResultSet rows = client.singleUse().executeQuery(query)) {
      return rows.next() ? Optional.of(rows.getString(0)) : Optional.empty();
    }
  }
}
