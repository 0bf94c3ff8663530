package dev.rr.common.buffer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rr.common.model.ChangeRecord;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.util.SerializableUtils;
import org.junit.jupiter.api.Test;

class ChangeRecordCoderTest {
  private static final ChangeRecordCoder CODER = ChangeRecordCoder.of();

  private static List<ChangeRecord> samples() {
    return List.of(
        TestRecords.rich(),
        TestRecords.rich().withShard(null),
        TestRecords.record(0, 0, "", 0),
        TestRecords.record(1719247984, 999_999_999, "tx", Integer.MAX_VALUE));
  }

  @Test
  void shouldDecodeWhatItEncodesInEveryContext() throws Exception {
    for (ChangeRecord record : samples()) {
      for (Coder.Context context : CoderProperties.ALL_CONTEXTS) {
        CoderProperties.coderDecodeEncodeEqualInContext(CODER, context, record);
      }
    }
  }

  @Test
  void shouldBeDeterministicAndConsistentWithEquals() throws Exception {
    assertDoesNotThrow(() -> CODER.verifyDeterministic());
    for (ChangeRecord record : samples()) {
      ChangeRecord copy = CoderUtils.clone(CODER, record);
      CoderProperties.coderDeterministic(CODER, record, copy);
      CoderProperties.coderConsistentWithEquals(CODER, record, copy);
      CoderProperties.structuralValueConsistentWithEquals(CODER, record, copy);
    }
    CoderProperties.coderConsistentWithEquals(CODER, samples().get(0), samples().get(1));
  }

  @Test
  void shouldSurviveJavaSerializationAsASingleton() {
    CoderProperties.coderSerializable(CODER);
    assertEquals(CODER, SerializableUtils.clone(CODER));
  }

  @Test
  void shouldKeepRecordsApartWhenNestedInAList() throws Exception {
    ListCoder<ChangeRecord> listCoder = ListCoder.of(CODER);
    assertEquals(samples(), CoderUtils.clone(listCoder, samples()));
  }

  @Test
  void shouldEncodeCompactlyWithoutJavaSerialization() throws Exception {
    ChangeRecord record = TestRecords.record(1719247984, 5, "tx", 1);
    byte[] bytes = CoderUtils.encodeToByteArray(CODER, record);
    int payload = record.keysJson().length() + record.newValuesJson().length() + 2 + 2 + 8 + 5 + 3;
    assertTrue(bytes.length < payload + 20, "encoded size " + bytes.length);
    assertArrayEquals(bytes, CoderUtils.encodeToByteArray(CODER, CoderUtils.clone(CODER, record)));
  }

  @Test
  void shouldRejectTruncatedInput() throws Exception {
    byte[] bytes = CoderUtils.encodeToByteArray(CODER, TestRecords.rich());
    byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length / 2);
    assertThrows(
        java.io.IOException.class,
        () -> CODER.decode(new ByteArrayInputStream(truncated)));
  }

  @Test
  void shouldRejectNull() {
    assertThrows(CoderException.class, () -> CODER.encode(null, new ByteArrayOutputStream()));
  }
}
