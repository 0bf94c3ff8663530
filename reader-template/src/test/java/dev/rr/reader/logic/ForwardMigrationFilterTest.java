package dev.rr.reader.logic;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rr.common.config.FiltrationMode;
import org.junit.jupiter.api.Test;

class ForwardMigrationFilterTest {

  @Test
  void shouldDropForwardMigrationWritesInForwardMigrationMode() {
    ForwardMigrationFilter filter = new ForwardMigrationFilter(FiltrationMode.FORWARD_MIGRATION);
    assertFalse(filter.keeps("txBy=migration-job-1"));
    assertFalse(filter.keeps("txBy="));
    assertTrue(filter.keeps("app=checkout"));
    assertTrue(filter.keeps("TXBY=upper-case-is-not-the-migration"));
    assertTrue(filter.keeps("x-txBy=elsewhere"));
    assertTrue(filter.keeps(""));
    assertTrue(filter.keeps(null));
  }

  @Test
  void shouldKeepEverythingInModeNone() {
    ForwardMigrationFilter filter = new ForwardMigrationFilter(FiltrationMode.NONE);
    assertTrue(filter.keeps("txBy=migration-job-1"));
    assertTrue(filter.keeps(""));
  }
}
