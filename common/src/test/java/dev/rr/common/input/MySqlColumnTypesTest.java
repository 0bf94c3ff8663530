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
  void shouldDropCharacterSetAndCollationAsMySqlPrintsThem() {
    assertEquals(SourceType.of("longtext"), MySqlColumnTypes.parse("longtext CHARACTER SET utf8"));
    assertEquals(SourceType.of("varchar", 20L), MySqlColumnTypes.parse(
        "varchar(20) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"));
    assertEquals(SourceType.of("char", 3L), MySqlColumnTypes.parse("char(3) charset latin1 binary"));
    assertEquals(SourceType.of("enum"), MySqlColumnTypes.parse(
        "enum('a b','it''s',')') character set utf8 collate utf8_bin"));
    assertEquals(new SourceType("decimal", List.of(10L, 2L), true),
        MySqlColumnTypes.parse("decimal(10,2) unsigned zerofill"));
  }

  @Test
  void shouldNormaliseSynonymsMySqlAccepts() {
    assertEquals(SourceType.of("varchar", 10L), MySqlColumnTypes.parse("character varying(10)"));
    assertEquals(SourceType.of("nvarchar", 10L), MySqlColumnTypes.parse("national varchar(10)"));
    assertEquals(SourceType.of("char", 2L), MySqlColumnTypes.parse("character(2)"));
  }

  @Test
  void shouldRejectWordsAfterTheAttributes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> MySqlColumnTypes.parse("int unsigned precision"));

    assertEquals("'int unsigned precision' is not a MySQL column type: unexpected 'precision'",
        e.getMessage());
  }

  @Test
  void shouldRejectCharacterSetWithoutAName() {
    assertThrows(IllegalArgumentException.class,
        () -> MySqlColumnTypes.parse("text character set"));
  }

  @Test
  void shouldTellWhetherTheWriterSupportsAType() {
    assertEquals(true, MySqlColumnTypes.isWritable(MySqlColumnTypes.parse("longtext CHARACTER SET utf8")));
    assertEquals(false, MySqlColumnTypes.isWritable(MySqlColumnTypes.parse("geometry")));
  }

  @Test
  void shouldRejectTextThatIsNoType() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> MySqlColumnTypes.parse("(10)"));

    assertEquals("'(10)' is not a MySQL column type", e.getMessage());
  }
}
