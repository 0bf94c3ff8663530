package dev.rr.common.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rr.common.config.TableSuffix;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MetadataTablesTest {

  @Test
  void shouldUseBaseNamesWithoutSuffix() {
    MetadataTables tables = MetadataTables.withoutSuffix();

    assertEquals("spanner_to_gcs_metadata", tables.run());
    assertEquals("shard_file_create_progress", tables.fileCreateProgress());
    assertEquals("shard_file_process_progress", tables.fileProcessProgress());
    assertEquals("", tables.nameSuffix());
    assertEquals(Optional.empty(), tables.suffix());
  }

  @Test
  void shouldAppendUnderscoreAndSuffixToEveryTable() {
    MetadataTables tables = MetadataTables.withSuffix("blue_2");

    assertEquals(
        List.of(
            "spanner_to_gcs_metadata_blue_2",
            "shard_file_create_progress_blue_2",
            "shard_file_process_progress_blue_2"),
        tables.all());
    assertEquals("_blue_2", tables.nameSuffix());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a-b", "a b", "x;DROP", "é", "a.b", "`x`"})
  void shouldRejectSuffixThatIsNotLettersDigitsUnderscores(String suffix) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> MetadataTables.withSuffix(suffix));

    assertTrue(e.getMessage().contains("'" + suffix + "'"), e.getMessage());
  }

  @Test
  void shouldRejectNullSuffix() {
    assertThrows(IllegalArgumentException.class, () -> MetadataTables.withSuffix((String) null));
  }

  @Test
  void shouldRejectSuffixThatMakesNamesLongerThanSpannerAllows() {
    String longest = "s".repeat(MetadataTables.MAX_SUFFIX_LENGTH);

    assertEquals(128, MetadataTables.withSuffix(longest).fileProcessProgress().length());
    assertThrows(IllegalArgumentException.class, () -> MetadataTables.withSuffix(longest + "s"));
  }

  @Test
  void shouldChooseSuffixFromOptional() {
    assertEquals(MetadataTables.withoutSuffix(), MetadataTables.of(Optional.empty()));
    assertEquals(MetadataTables.withSuffix("r1"), MetadataTables.of(Optional.of(new TableSuffix("r1"))));
  }

  @Test
  void shouldRejectUnknownBaseName() {
    assertThrows(
        IllegalArgumentException.class, () -> MetadataTables.withoutSuffix().name("users"));
  }
}
