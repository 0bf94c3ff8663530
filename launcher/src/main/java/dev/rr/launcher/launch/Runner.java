package dev.rr.launcher.launch;

/** Where the pipelines run. */
public enum Runner {
  /** Dataflow flex templates, through {@code gcloud dataflow flex-template run}. */
  DATAFLOW,
  /** Beam's DirectRunner, inside the launcher's own process. */
  DIRECT
}
