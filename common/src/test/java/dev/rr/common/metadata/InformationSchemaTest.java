package dev.rr.common.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.cloud.spanner.Dialect;
import org.junit.jupiter.api.Test;

class InformationSchemaTest {

  @Test
  void shouldWriteNamedParametersForGoogleSqlAndPositionalForPostgres() {
    assertEquals("@p3", InformationSchema.placeholder(Dialect.GOOGLE_STANDARD_SQL, 3));
    assertEquals("$3", InformationSchema.placeholder(Dialect.POSTGRESQL, 3));
    assertEquals("p3", InformationSchema.parameterName(3));
  }
}
