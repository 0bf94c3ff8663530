package dev.rr.common.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rr.common.schema.SourceType;
import java.util.List;
import org.junit.jupiter.api.Test;

class MySqlColumnTypesTest {

  @Test
  void shouldParseUnsignedIntegerWithDisplayWidth() {
    assertEquals(new SourceType("bigint", List.of(20L), true),
        MySqlColumnTypes.parse("bigint(20) unsigned"));
  }

  @Test
  void shouldParsePrecisionAndScale() {
    assertEquals(SourceType.of("decimal", 10L, 2L), MySqlColumnTypes.parse("decimal(10,2)"));
    assertEquals(SourceType.of("decimal", 10L, 2L), MySqlColumnTypes.parse("DECIMAL( 10 , 2 )"));
  }

  @Test
  void shouldDropEnumAndSetMembers() {
    assertEquals(SourceType.of("enum"), MySqlColumnTypes.parse("enum('a','b,c','(d)')"));
    assertEquals(SourceType.of("set"), MySqlColumnTypes.parse("set('x','y')"));
  }

  @Test
  void shouldParseTypesWithoutModifiers() {
    assertEquals(SourceType.of("varchar", 20L), MySqlColumnTypes.parse("varchar(20)"));
    assertEquals(SourceType.of("datetime", 6L), MySqlColumnTypes.parse("datetime(6)"));
    assertEquals(SourceType.of("double"), MySqlColumnTypes.parse("double"));
    assertEquals(SourceType.of("longtext"), MySqlColumnTypes.parse("longtext"));
  }

  @Test
  void shouldIgnoreZerofillAndKeepUnsigned() {
    assertEquals(new SourceType("int", List.of(10L), true),
        MySqlColumnTypes.parse("int(10) unsigned zerofill"));
  }

  @Test
  void shouldKeepMultiWordTypeNames() {
    assertEquals(SourceType.of("double precision"), MySqlColumnTypes.parse("double precision"));
    assertEquals(new SourceType("bigint", List.of(), true),
        MySqlColumnTypes.parse("BIGINT UNSIGNED"));
  }

  @Test
  void shouldPreferSessionModsOverModsInTheName() {
    assertEquals(new SourceType("int", List.of(11L), true),
        MySqlColumnTypes.fromSession("int unsigned", List.of(11L)));
    assertEquals(SourceType.of("varchar", 20L),
        MySqlColumnTypes.fromSession("varchar(20)", null));
  }

  @Test
  void shouldRejectTextThatIsNoType() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> MySqlColumnTypes.parse("(10)"));

    assertEquals("'(10)' is not a MySQL column type", e.getMessage());
  }
}
