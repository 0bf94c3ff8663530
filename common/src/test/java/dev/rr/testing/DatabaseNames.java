package dev.rr.testing;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/** Names of test databases on MySQL servers: unique in the JVM (counter) and across JVMs (run tag). */
final class DatabaseNames {

  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static final String RUN_TAG = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));

  private DatabaseNames() {}

  static String next() {
    return "rr_test_" + RUN_TAG + "_" + COUNTER.incrementAndGet();
  }
}
