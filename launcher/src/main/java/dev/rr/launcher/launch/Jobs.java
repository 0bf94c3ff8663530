package dev.rr.launcher.launch;

/** Which pipelines a launch starts. */
public enum Jobs {
  BOTH,
  READER,
  WRITER;

  public boolean includesReader() {
    return this != WRITER;
  }

  public boolean includesWriter() {
    return this != READER;
  }
}
