package dev.rr.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.cloud.spanner.ErrorCode;
import com.google.cloud.spanner.SpannerException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Databases live as long as the scope that made them: a test, or the class for {@code @BeforeAll}. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SpannerEmulatorExtensionCleanupIT {

  @RegisterExtension static SpannerEmulatorExtension spanner = new SpannerEmulatorExtension();

  private static SpannerTestDatabase classDatabase;
  private static SpannerTestDatabase firstTestDatabase;

  @BeforeAll
  static void createClassDatabase() {
    classDatabase = spanner.newDatabase();
  }

  @Test
  @Order(1)
  void firstTestMakesADatabase() {
    firstTestDatabase = spanner.newDatabase();
    assertExists(firstTestDatabase);
  }

  @Test
  @Order(2)
  void shouldHaveDroppedDatabaseOfEarlierTestButKeptClassDatabase() {
    assertNotNull(firstTestDatabase, "runs after firstTestMakesADatabase");
    SpannerException e = assertThrows(SpannerException.class, () -> assertExists(firstTestDatabase));
    assertEquals(ErrorCode.NOT_FOUND, e.getErrorCode());
    assertExists(classDatabase);
  }

  private static void assertExists(SpannerTestDatabase db) {
    assertEquals(db.databaseId(), db.adminClient().getDatabase(db.instanceId(), db.databaseId()).getId().getDatabase());
  }
}
