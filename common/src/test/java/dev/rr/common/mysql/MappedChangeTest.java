package dev.rr.common.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rr.common.model.ModType;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MappedChangeTest {

  @Test
  void shouldMergeTwoUpsertsColumnByColumnWithTheLaterWinning() {
    MappedChange insert = upsert(ModType.INSERT, 1L, "a", "x", "b", "y");
    MappedChange update = upsert(ModType.UPDATE, 1L, "b", "z", "c", null);
    MappedChange merged = insert.then(update).orElseThrow();
    assertEquals(ModType.INSERT, merged.modType());
    assertEquals(Arrays.asList(1L, "x", "z", null), new java.util.ArrayList<>(merged.values().values()));
    assertEquals(List.of("id", "a", "b", "c"), List.copyOf(merged.columns()));
  }

  @Test
  void shouldKeepOnlyTheDeleteWhenARowIsDeletedAfterAnUpsert() {
    MappedChange delete = new MappedChange("t", ModType.DELETE, Map.of("id", 1L), Map.of());
    assertEquals(Optional.of(delete), upsert(ModType.UPDATE, 1L, "a", "x").then(delete));
  }

  @Test
  void shouldNotMergeAnInsertAfterADeleteBecauseTheInsertResetsOtherColumns() {
    MappedChange delete = new MappedChange("t", ModType.DELETE, Map.of("id", 1L), Map.of());
    assertEquals(Optional.empty(), delete.then(upsert(ModType.INSERT, 1L, "a", "x")));
  }

  @Test
  void shouldRefuseToMergeChangesOfDifferentRows() {
    assertThrows(
        IllegalArgumentException.class,
        () -> upsert(ModType.UPDATE, 1L).then(upsert(ModType.UPDATE, 2L)));
  }

  @Test
  void shouldCompareBinaryKeysByContent() {
    MappedChange a = new MappedChange("t", ModType.DELETE, Map.of("k", new byte[] {1, 2}), Map.of());
    MappedChange b = new MappedChange("t", ModType.DELETE, Map.of("k", new byte[] {1, 2}), Map.of());
    MappedChange c = new MappedChange("t", ModType.DELETE, Map.of("k", new byte[] {1, 3}), Map.of());
    assertEquals(a.rowKey(), b.rowKey());
    assertEquals(a.rowKey().hashCode(), b.rowKey().hashCode());
    assertNotEquals(a.rowKey(), c.rowKey());
    assertTrue(a.then(b).isPresent());
  }

  @Test
  void shouldTreatColumnSetsInAnyOrderAsEqualAndKeepNullValues() {
    MappedChange ab = upsert(ModType.INSERT, 1L, "a", null, "b", "y");
    MappedChange ba = upsert(ModType.INSERT, 2L, "b", "y", "a", "x");
    assertEquals(ab.columns(), ba.columns());
    assertNull(ab.values().get("a"));
    assertTrue(ab.values().containsKey("a"));
  }

  @Test
  void shouldRequireAKey() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new MappedChange("t", ModType.INSERT, Map.of(), Map.of("a", 1L)));
  }

  private static MappedChange upsert(ModType type, long id, Object... pairs) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("id", id);
    for (int i = 0; i < pairs.length; i += 2) {
      values.put((String) pairs[i], pairs[i + 1]);
    }
    return new MappedChange("t", type, Map.of("id", id), values);
  }
}
