package dev.rr.common.mysql;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * An SQL array parameter of a {@link SqlStatement} (PostgreSQL array columns): the element type
 * as the server names it ({@code int4}, {@code timestamptz}...) and each element in the type's
 * text input form, or null for a NULL element. Bound with {@link Connection#createArrayOf}, so the
 * parameter is typed as the column's own array type (a key compared with {@code =} needs exactly
 * that type); the server parses the elements. Equal when type and elements are equal, so changes
 * keyed by an array merge like any other.
 *
 * @param elementType the element type's name in {@code pg_type}
 * @param elements the elements' text forms, nulls allowed
 */
public record SqlArray(String elementType, List<String> elements) {
  public SqlArray {
    Objects.requireNonNull(elementType, "elementType");
    // List.copyOf rejects nulls, and NULL elements are legitimate.
    elements = Collections.unmodifiableList(new ArrayList<>(Objects.requireNonNull(elements)));
  }

  /** The JDBC array of this value on {@code connection}. */
  Array create(Connection connection) throws SQLException {
    return connection.createArrayOf(elementType, elements.toArray(new String[0]));
  }

  /** The type and size only: elements may be user data. */
  @Override
  public String toString() {
    return elementType + "[" + elements.size() + " elements]";
  }
}
