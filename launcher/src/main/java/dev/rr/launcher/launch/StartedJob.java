package dev.rr.launcher.launch;

import java.util.Optional;

/**
 * A Dataflow job {@code gcloud dataflow flex-template run} accepted.
 *
 * @param name the job name {@code rr launch} gave it
 * @param id the job id gcloud reported; empty when its output held none
 */
public record StartedJob(String name, Optional<String> id) {}
