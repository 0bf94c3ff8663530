package com.example.rr;

import dev.rr.common.model.ModType;
import dev.rr.writer.custom.CustomTransformation;
import dev.rr.writer.custom.TransformationRequest;
import dev.rr.writer.custom.TransformationResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes back a column the forward migration merged: MySQL keeps {@code first_name} and {@code
 * last_name}, Spanner has one {@code full_name}. Parameters (the writer's {@code
 * transformationCustomParameters}): {@code table=customers} names the Spanner table (default
 * {@code customers}).
 *
 * <p>{@code full_name} has no source column, so the writer would ignore it; this transformation
 * adds the two source columns instead. Text before the last space is the first name, the rest
 * the last name. Deletes and other tables are written as mapped.
 */
public class SplitNameTransformation implements CustomTransformation {
  private String table = "customers";

  @Override
  public void init(String customParameters) {
    if (customParameters.startsWith("table=")) {
      table = customParameters.substring("table=".length()).trim();
    } else if (!customParameters.isBlank()) {
      throw new IllegalArgumentException("expected table=<Spanner table> or nothing");
    }
  }

  @Override
  public TransformationResponse toSourceRow(TransformationRequest request) {
    if (!request.tableName().equals(table)
        || request.eventType() == ModType.DELETE
        || !request.row().containsKey("full_name")) {
      return TransformationResponse.unchanged();
    }
    Object fullName = request.row().get("full_name");
    Map<String, Object> values = new LinkedHashMap<>();
    if (fullName == null) {
      values.put("first_name", null);
      values.put("last_name", null);
    } else {
      String name = fullName.toString().trim();
      int space = name.lastIndexOf(' ');
      values.put("first_name", space < 0 ? name : name.substring(0, space));
      values.put("last_name", space < 0 ? "" : name.substring(space + 1));
    }
    return TransformationResponse.withValues(values);
  }
}
