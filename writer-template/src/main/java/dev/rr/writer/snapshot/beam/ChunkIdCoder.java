package dev.rr.writer.snapshot.beam;

import dev.rr.writer.snapshot.ChunkId;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;

/** A deterministic coder for {@link ChunkId}, so that it can key a {@code GroupByKey}. */
public final class ChunkIdCoder extends AtomicCoder<ChunkId> {
  private static final ChunkIdCoder INSTANCE = new ChunkIdCoder();
  private static final StringUtf8Coder STRING = StringUtf8Coder.of();
  private static final VarIntCoder INT = VarIntCoder.of();

  private ChunkIdCoder() {}

  public static ChunkIdCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(ChunkId chunk, OutputStream out) throws IOException {
    STRING.encode(chunk.shard(), out);
    STRING.encode(chunk.table(), out);
    INT.encode(chunk.chunk(), out);
  }

  @Override
  public ChunkId decode(InputStream in) throws IOException {
    return new ChunkId(STRING.decode(in), STRING.decode(in), INT.decode(in));
  }

  @Override
  public void verifyDeterministic() {}
}
