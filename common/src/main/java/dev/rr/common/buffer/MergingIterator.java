package dev.rr.common.buffer;

import dev.rr.common.model.ChangeRecord;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * K-way merge of sorted sources by {@link ChangeRecord#ORDERING}. Ties go to the earlier source,
 * so merging runs that were cut in insertion order keeps the sort stable.
 */
final class MergingIterator implements Iterator<ChangeRecord> {

  private record Head(ChangeRecord record, int source) {}

  private static final Comparator<Head> HEAD_ORDER =
      Comparator.comparing(Head::record, ChangeRecord.ORDERING).thenComparingInt(Head::source);

  private final List<? extends Iterator<ChangeRecord>> sources;
  private final PriorityQueue<Head> heads;

  MergingIterator(List<? extends Iterator<ChangeRecord>> sources) {
    this.sources = sources;
    this.heads = new PriorityQueue<>(Math.max(1, sources.size()), HEAD_ORDER);
    for (int i = 0; i < sources.size(); i++) {
      advance(i);
    }
  }

  @Override
  public boolean hasNext() {
    return !heads.isEmpty();
  }

  @Override
  public ChangeRecord next() {
    Head head = heads.poll();
    if (head == null) {
      throw new NoSuchElementException("merge is exhausted");
    }
    advance(head.source());
    return head.record();
  }

  private void advance(int source) {
    Iterator<ChangeRecord> iterator = sources.get(source);
    if (iterator.hasNext()) {
      heads.add(new Head(iterator.next(), source));
    }
  }
}
