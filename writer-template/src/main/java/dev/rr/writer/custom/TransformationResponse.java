package dev.rr.writer.custom;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a {@link CustomTransformation} decided for one event.
 *
 * @param sourceValues source column name -> value replacing the mapped value (columns not named
 *     keep the mapped value). Values are bound as JDBC parameters: String, Long, Integer,
 *     BigDecimal, Double, Boolean, byte[], java.time.LocalDate, LocalTime, LocalDateTime or null
 * @param filtered true to skip the event: it is not written, but counted and kept in the buffer's
 *     {@code _filtered/<shard>/} directory
 */
public record TransformationResponse(Map<String, Object> sourceValues, boolean filtered) {

  public TransformationResponse {
    // Keeps nulls (SQL NULL) and the caller's column order.
    sourceValues =
        Collections.unmodifiableMap(
            new LinkedHashMap<>(sourceValues == null ? Map.of() : sourceValues));
  }

  /** Write the event as mapped. */
  public static TransformationResponse unchanged() {
    return new TransformationResponse(Map.of(), false);
  }

  /** Skip the event. */
  public static TransformationResponse filter() {
    return new TransformationResponse(Map.of(), true);
  }

  /** Write the event with these source column values instead of the mapped ones. */
  public static TransformationResponse withValues(Map<String, Object> sourceValues) {
    return new TransformationResponse(sourceValues, false);
  }
}
