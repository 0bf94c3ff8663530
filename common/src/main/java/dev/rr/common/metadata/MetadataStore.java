package dev.rr.common.metadata;

import com.google.cloud.spanner.DatabaseAdminClient;
import com.google.cloud.spanner.DatabaseClient;
import com.google.cloud.spanner.DatabaseId;
import com.google.cloud.spanner.Dialect;
import com.google.cloud.spanner.ErrorCode;
import com.google.cloud.spanner.Spanner;
import com.google.cloud.spanner.SpannerException;
import dev.rr.common.retry.Backoff;
import dev.rr.common.spanner.SpannerRetry;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metadata database: knows its dialect, creates the metadata tables that are missing and
 * hands out the DAOs. Reader and writer both call {@link #createMissingTables()} at bootstrap; it
 * is safe to call repeatedly and concurrently.
 *
 * <p>The DAOs need only a {@link DatabaseClient} and can also be built directly (e.g. in a DoFn's
 * {@code @Setup}); the admin client is needed for DDL only.
 */
public final class MetadataStore {
  private static final Logger LOG = LoggerFactory.getLogger(MetadataStore.class);

  /** Attempts at creating the missing tables before giving up. */
  static final int DDL_ATTEMPTS = 8;

  private static final Duration DDL_TIMEOUT = Duration.ofMinutes(10);
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

  private final DatabaseClient client;
  private final DatabaseAdminClient admin;
  private final DatabaseId databaseId;
  private final MetadataTables tables;
  private final Dialect dialect;
  private final SpannerRetry retry;

  private MetadataStore(
      DatabaseClient client,
      DatabaseAdminClient admin,
      DatabaseId databaseId,
      MetadataTables tables,
      SpannerRetry retry) {
    this.client = client;
    this.admin = admin;
    this.databaseId = databaseId;
    this.tables = tables;
    this.retry = retry;
    this.dialect = client.getDialect();
  }

  /**
   * Opens the metadata database {@code databaseId} with clients from {@code spanner}, for real
   * Spanner (transactions retried on {@code ABORTED} only).
   */
  public static MetadataStore connect(
      Spanner spanner, DatabaseId databaseId, MetadataTables tables) {
    return connect(spanner, databaseId, tables, SpannerRetry.standard());
  }

  /**
   * Opens the metadata database {@code databaseId} with clients from {@code spanner}; the DAOs
   * retry transactions by {@code retry}'s policy (e.g. {@code
   * SpannerRetry.forEmulatorHost(config.emulatorHost())}).
   */
  public static MetadataStore connect(
      Spanner spanner, DatabaseId databaseId, MetadataTables tables, SpannerRetry retry) {
    return open(
        spanner.getDatabaseClient(databaseId),
        spanner.getDatabaseAdminClient(),
        databaseId,
        tables,
        retry);
  }

  /**
   * Opens the metadata database and detects its dialect (one query).
   *
   * @throws SpannerException when the database cannot be reached (e.g. it does not exist)
   */
  public static MetadataStore open(
      DatabaseClient client,
      DatabaseAdminClient admin,
      DatabaseId databaseId,
      MetadataTables tables,
      SpannerRetry retry) {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(admin, "admin");
    Objects.requireNonNull(databaseId, "databaseId");
    Objects.requireNonNull(tables, "tables");
    Objects.requireNonNull(retry, "retry");
    return new MetadataStore(client, admin, databaseId, tables, retry);
  }

  /**
   * Creates the database with {@code dialect} unless it exists (for the launcher). A concurrent
   * creation by someone else counts as "exists".
   *
   * @return true when this call created it
   */
  public static boolean createDatabaseIfMissing(
      DatabaseAdminClient admin, DatabaseId databaseId, Dialect dialect) {
    String instance = databaseId.getInstanceId().getInstance();
    String database = databaseId.getDatabase();
    try {
      admin.getDatabase(instance, database);
      return false;
    } catch (SpannerException e) {
      if (e.getErrorCode() != ErrorCode.NOT_FOUND) {
        throw new MetadataException("cannot look up metadata database " + databaseId, e);
      }
    }
    try {
      admin
          .createDatabase(
              admin.newDatabaseBuilder(databaseId).setDialect(dialect).build(), List.of())
          .get(DDL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      LOG.info("[metadata] created {} database {}", dialect, databaseId);
      return true;
    } catch (ExecutionException | SpannerException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      if (cause instanceof SpannerException se && se.getErrorCode() == ErrorCode.ALREADY_EXISTS) {
        return false;
      }
      throw new MetadataException("cannot create metadata database " + databaseId, cause);
    } catch (TimeoutException e) {
      throw new MetadataException("creating metadata database " + databaseId + " timed out", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MetadataException("interrupted creating metadata database " + databaseId, e);
    }
  }

  /** The metadata database's dialect, detected when the store was opened. */
  public Dialect dialect() {
    return dialect;
  }

  /** The table names this store works on. */
  public MetadataTables tables() {
    return tables;
  }

  /** The metadata database. */
  public DatabaseId databaseId() {
    return databaseId;
  }

  /** The metadata tables that do not exist yet, in creation order. */
  public List<String> missingTables() {
    Set<String> existing = InformationSchema.existingTables(client, dialect, tables.all());
    return tables.all().stream().filter(t -> !existing.contains(t)).toList();
  }

  /**
   * Creates the metadata tables that do not exist. Another process may create them at the same
   * time (both pipelines bootstrap), and Spanner runs one schema change at a time, so a failed
   * attempt is checked again against {@code INFORMATION_SCHEMA} and retried with backoff.
   *
   * @return the tables this call created (empty when they all existed or a concurrent caller
   *     created them)
   * @throws MetadataException when tables are still missing after the last attempt
   */
  public List<String> createMissingTables() {
    MetadataDdl ddl = MetadataDdl.load(dialect, tables);
    SpannerException lastFailure = null;
    for (int attempt = 1; attempt <= DDL_ATTEMPTS; attempt++) {
      List<String> missing = missingTables();
      if (missing.isEmpty()) {
        return List.of();
      }
      try {
        applyDdl(ddl.createTables(missing));
        LOG.info("[metadata] created tables {} in {}", missing, databaseId);
        return missing;
      } catch (SpannerException e) {
        if (!mayBeConcurrentChange(e.getErrorCode())) {
          throw new MetadataException(describe(missing), e);
        }
        lastFailure = e;
        LOG.info(
            "[metadata] attempt {} at creating {} failed ({}), checking again",
            attempt,
            missing,
            e.getErrorCode());
      }
      sleep(Backoff.delay(FIRST_BACKOFF, MAX_BACKOFF, attempt, ThreadLocalRandom.current().nextDouble()));
    }
    List<String> missing = missingTables();
    if (missing.isEmpty()) {
      return List.of();
    }
    throw new MetadataException(
        describe(missing) + " after " + DDL_ATTEMPTS + " attempts", lastFailure);
  }

  /** Run rows. */
  public RunMetadataDao runs() {
    return new RunMetadataDao(client, tables, retry);
  }

  /** The reader's per-shard progress. */
  public FileCreateProgressDao fileCreateProgress() {
    return new FileCreateProgressDao(client, tables, retry);
  }

  /** The writer's per-shard progress. */
  public FileProcessProgressDao fileProcessProgress() {
    return new FileProcessProgressDao(client, tables, retry);
  }

  private void applyDdl(List<String> statements) {
    try {
      admin
          .updateDatabaseDdl(
              databaseId.getInstanceId().getInstance(), databaseId.getDatabase(), statements, null)
          .get(DDL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof SpannerException se) {
        throw se;
      }
      throw new MetadataException("schema change on " + databaseId + " failed", e.getCause());
    } catch (TimeoutException e) {
      throw new MetadataException("schema change on " + databaseId + " timed out", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MetadataException("interrupted during schema change on " + databaseId, e);
    }
  }

  /**
   * Codes a racing creator or a concurrent schema change produce (duplicate table, schema change
   * in progress, aborted), plus plain unavailability. Anything else (permissions, invalid DDL) is
   * final.
   */
  private static boolean mayBeConcurrentChange(ErrorCode code) {
    return switch (code) {
      case ABORTED, FAILED_PRECONDITION, ALREADY_EXISTS, UNAVAILABLE, DEADLINE_EXCEEDED -> true;
      default -> false;
    };
  }

  private String describe(List<String> missing) {
    return "cannot create metadata tables " + missing + " in " + dialect + " database "
        + databaseId;
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MetadataException("interrupted while creating metadata tables", e);
    }
  }
}
