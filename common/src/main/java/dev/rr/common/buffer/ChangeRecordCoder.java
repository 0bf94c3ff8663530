package dev.rr.common.buffer;

import com.google.cloud.Timestamp;
import dev.rr.common.model.ChangeRecord;
import dev.rr.common.model.ModType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;

/**
 * Deterministic binary Beam coder for {@link ChangeRecord}, field by field (no Java
 * serialization, no JSON). Equal records encode to equal bytes, so records may be used as keys.
 *
 * <p>Layout: seconds (varlong), nanos (varint), serverTransactionId, recordSequence, modIndex
 * (varint), tableName, modType (one byte), keysJson, oldValuesJson, newValuesJson,
 * numberOfRecordsInTransaction (varlong), transactionTag, shard (nullable). Strings are
 * length-prefixed UTF-8. Changing the layout breaks pipeline update compatibility.
 */
public final class ChangeRecordCoder extends AtomicCoder<ChangeRecord> {
  private static final long serialVersionUID = 1L;

  private static final ChangeRecordCoder INSTANCE = new ChangeRecordCoder();

  private static final StringUtf8Coder STRING = StringUtf8Coder.of();
  private static final NullableCoder<String> NULLABLE_STRING = NullableCoder.of(STRING);
  private static final VarIntCoder VAR_INT = VarIntCoder.of();
  private static final VarLongCoder VAR_LONG = VarLongCoder.of();

  /** Stable one-byte codes for {@link ModType}; never reuse or renumber them. */
  private static final byte INSERT = 1;
  private static final byte UPDATE = 2;
  private static final byte DELETE = 3;

  private ChangeRecordCoder() {}

  /** The coder (stateless, shared). */
  public static ChangeRecordCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(ChangeRecord record, OutputStream out) throws IOException {
    if (record == null) {
      throw new CoderException("cannot encode a null ChangeRecord");
    }
    VAR_LONG.encode(record.commitTimestamp().getSeconds(), out);
    VAR_INT.encode(record.commitTimestamp().getNanos(), out);
    STRING.encode(record.serverTransactionId(), out);
    STRING.encode(record.recordSequence(), out);
    VAR_INT.encode(record.modIndex(), out);
    STRING.encode(record.tableName(), out);
    out.write(modTypeCode(record.modType()));
    STRING.encode(record.keysJson(), out);
    STRING.encode(record.oldValuesJson(), out);
    STRING.encode(record.newValuesJson(), out);
    VAR_LONG.encode(record.numberOfRecordsInTransaction(), out);
    STRING.encode(record.transactionTag(), out);
    NULLABLE_STRING.encode(record.shard(), out);
  }

  @Override
  public ChangeRecord decode(InputStream in) throws IOException {
    long seconds = VAR_LONG.decode(in);
    int nanos = VAR_INT.decode(in);
    Timestamp commitTimestamp;
    try {
      commitTimestamp = Timestamp.ofTimeSecondsAndNanos(seconds, nanos);
    } catch (IllegalArgumentException e) {
      throw new CoderException("invalid commit timestamp " + seconds + "s " + nanos + "ns", e);
    }
    return new ChangeRecord(
        commitTimestamp,
        STRING.decode(in),
        STRING.decode(in),
        VAR_INT.decode(in),
        STRING.decode(in),
        modType(in.read()),
        STRING.decode(in),
        STRING.decode(in),
        STRING.decode(in),
        VAR_LONG.decode(in),
        STRING.decode(in),
        NULLABLE_STRING.decode(in));
  }

  @Override
  public void verifyDeterministic() {
    // Every field is written with a deterministic coder, in a fixed order.
  }

  @Override
  public boolean consistentWithEquals() {
    return true;
  }

  private static byte modTypeCode(ModType modType) {
    return switch (modType) {
      case INSERT -> INSERT;
      case UPDATE -> UPDATE;
      case DELETE -> DELETE;
    };
  }

  private static ModType modType(int code) throws CoderException {
    return switch (code) {
      case INSERT -> ModType.INSERT;
      case UPDATE -> ModType.UPDATE;
      case DELETE -> ModType.DELETE;
      case -1 -> throw new CoderException("stream ended inside a ChangeRecord");
      default -> throw new CoderException("unknown modType code " + code);
    };
  }
}
