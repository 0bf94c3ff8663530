package dev.rr.writer.custom;

/**
 * A user-supplied step that sees every change before it is written to a source shard and may
 * change its values or filter it out. Implementations live in a jar named by the writer's {@code
 * transformationJarPath} and {@code transformationClassName} options and need a public no-argument
 * constructor. One instance serves one worker thread; {@link #init} is called once before the
 * first event.
 *
 * <p>An exception thrown from {@link #toSourceRow} stops the shard like a record MySQL rejects:
 * status {@code ERROR}, the record kept in the error directory.
 */
public interface CustomTransformation {

  /**
   * Called once with the {@code transformationCustomParameters} option's text (empty when not
   * given).
   */
  void init(String customParameters);

  /**
   * The source row for one event, or a filter decision.
   *
   * @param request the Spanner table, the row image, the logical shard and the event type
   * @return {@link TransformationResponse#unchanged()} to write the event as mapped, {@link
   *     TransformationResponse#filter()} to skip it, or {@link TransformationResponse#withValues}
   *     to override source column values
   */
  TransformationResponse toSourceRow(TransformationRequest request);
}
