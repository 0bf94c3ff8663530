package dev.rr.launcher.spanner;

import com.google.cloud.spanner.ErrorCode;
import com.google.cloud.spanner.ResultSet;
import com.google.cloud.spanner.Spanner;
import com.google.cloud.spanner.SpannerException;
import com.google.cloud.spanner.Statement;
import dev.rr.common.metadata.MetadataTables;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks, before a command reads a run, that the metadata database and the rr tables of the
 * given suffix exist; when they do not, says which option is probably wrong (instead of
 * reporting an empty run or a raw NOT_FOUND).
 */
public final class MetadataLocation {
  private static final String RR_TABLES =
      "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = ''"
          + " AND (STARTS_WITH(TABLE_NAME, @run) OR STARTS_WITH(TABLE_NAME, @created)"
          + " OR STARTS_WITH(TABLE_NAME, @processed))";

  private MetadataLocation() {}

  /**
   * Requires the metadata database of {@code target} and its rr tables.
   *
   * @throws IllegalStateException naming the missing database or tables and the option to check
   */
  public static void requireExists(Spanner spanner, MetadataTarget target) {
    SpannerTarget database = target.database();
    try {
      spanner.getDatabaseAdminClient().getDatabase(database.instanceId(), database.databaseId());
    } catch (SpannerException e) {
      if (e.getErrorCode() != ErrorCode.NOT_FOUND) {
        throw e;
      }
      throw new IllegalStateException("metadata database " + database + " does not exist: check"
          + " --metadataInstance and --metadataDatabase (rr launch uses <databaseId>_rrmeta unless"
          + " told otherwise)", e);
    }
    MetadataTables tables = MetadataTables.of(target.tableSuffix());
    Set<String> present = rrTables(spanner, database);
    List<String> missing = new ArrayList<>(tables.all());
    missing.removeAll(present);
    if (!missing.isEmpty()) {
      throw new IllegalStateException("metadata database " + database + " has no table "
          + String.join(", ", missing) + ": check --metadataTableSuffix ("
          + target.tableSuffix().map(s -> "given _" + s).orElse("none given") + "); rr tables"
          + " there: " + (present.isEmpty() ? "none" : present));
    }
  }

  private static Set<String> rrTables(Spanner spanner, SpannerTarget database) {
    Set<String> names = new TreeSet<>();
    Statement query = Statement.newBuilder(RR_TABLES)
        .bind("run").to(MetadataTables.RUN_BASE_NAME)
        .bind("created").to(MetadataTables.FILE_CREATE_PROGRESS_BASE_NAME)
        .bind("processed").to(MetadataTables.FILE_PROCESS_PROGRESS_BASE_NAME)
        .build();
    try (ResultSet rows = spanner.getDatabaseClient(SpannerClients.databaseId(database))
        .singleUse().executeQuery(query)) {
      while (rows.next()) {
        names.add(rows.getString(0));
      }
    }
    return names;
  }
}
