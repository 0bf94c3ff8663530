package dev.rr.launcher.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Heap use of this JVM while a run is measured, two ways: the highest heap in use sampled from
 * {@code MemoryMXBean} every {@value #SAMPLE_MILLIS} ms (includes garbage not yet collected, so
 * it follows the heap size and collector), and the highest heap left after any garbage
 * collection during the run, from the collectors' notifications (what the run really keeps).
 * Starts from a collected heap, so the baseline is the live data only.
 */
final class HeapSampler implements AutoCloseable {
  private static final long SAMPLE_MILLIS = 20;

  private final long baseline;
  private final Thread thread;
  private final List<Runnable> unsubscribe = new ArrayList<>();
  private final Set<String> heapPools;
  private volatile boolean running = true;
  private volatile long peakSampled;
  private volatile long peakAfterGc;

  private HeapSampler() {
    System.gc();
    this.heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(pool -> pool.getType() == MemoryType.HEAP)
        .map(MemoryPoolMXBean::getName)
        .collect(Collectors.toSet());
    this.baseline = used();
    this.peakSampled = baseline;
    this.peakAfterGc = baseline;
    subscribeToCollections();
    this.thread = new Thread(this::sample, "bench-heap-sampler");
    thread.setDaemon(true);
    thread.start();
  }

  /** Starts sampling now. */
  static HeapSampler start() {
    return new HeapSampler();
  }

  /** Heap used right after the collection at the start, bytes. */
  long baselineBytes() {
    return baseline;
  }

  /** Highest sampled heap use, bytes. */
  long peakSampledBytes() {
    return peakSampled;
  }

  /** Highest heap use right after a collection during the run (baseline if none ran), bytes. */
  long peakAfterGcBytes() {
    return peakAfterGc;
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(1_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    unsubscribe.forEach(Runnable::run);
  }

  private void subscribeToCollections() {
    NotificationListener listener = (notification, handback) -> onCollection(notification);
    for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (collector instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(listener, null, null);
        unsubscribe.add(() -> {
          try {
            emitter.removeNotificationListener(listener);
          } catch (ListenerNotFoundException e) {
            // Already gone: nothing to undo.
          }
        });
      }
    }
  }

  private void onCollection(Notification notification) {
    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
        notification.getType())) {
      return;
    }
    GarbageCollectionNotificationInfo info =
        GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
    long after = 0;
    for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
      if (heapPools.contains(pool.getKey())) {
        after += pool.getValue().getUsed();
      }
    }
    peakAfterGc = Math.max(peakAfterGc, after);
  }

  private void sample() {
    while (running) {
      peakSampled = Math.max(peakSampled, used());
      try {
        Thread.sleep(SAMPLE_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private static long used() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
