package dev.rr.common.config;

/** Which shards the writer pipeline works on, and from where. */
public enum WriterRunMode implements NamedOption {
  /** A new run: every shard from the start. */
  REGULAR("regular"),
  /** Every shard from its checkpoint; same as {@link #RESUME_ALL}. */
  RESUME("resume"),
  /** Every shard from its checkpoint. */
  RESUME_ALL("resumeAll"),
  /** Only shards whose status is {@code SUCCESS}, from their checkpoint. */
  RESUME_SUCCESS("resumeSuccess"),
  /** Only shards whose status is {@code ERROR}, from their checkpoint. */
  RESUME_FAILED("resumeFailed"),
  /** Only shards an operator set to {@code REPROCESS}. */
  REPROCESS("reprocess");

  /** The option these values are given in, used in error messages. */
  public static final String OPTION = "runMode";

  private final String optionName;

  WriterRunMode(String optionName) {
    this.optionName = optionName;
  }

  @Override
  public String optionName() {
    return optionName;
  }

  /**
   * The mode named exactly {@code value} ({@code regular}, {@code resume}, {@code resumeAll},
   * {@code resumeSuccess}, {@code resumeFailed} or {@code reprocess}).
   *
   * @throws ConfigException listing the valid names
   */
  public static WriterRunMode parse(String value) {
    return NamedOption.parse(WriterRunMode.class, OPTION, value);
  }

  /** True for every mode that continues an earlier run from the shards' checkpoints. */
  public boolean isResume() {
    return this != REGULAR;
  }
}
