package dev.rr.common.input;

import java.io.IOException;

/**
 * Turns a secret reference from the shards file ({@code secretManagerUri}) into the secret
 * itself. Implementations must never log or put the secret into an exception message.
 */
@FunctionalInterface
public interface SecretResolver {

  /**
   * The secret {@code secretUri} refers to.
   *
   * @throws IllegalArgumentException when {@code secretUri} is not a reference this resolver
   *     understands
   * @throws IOException when the secret cannot be read
   */
  String resolve(String secretUri) throws IOException;

  /** A resolver for files that need none: every reference fails, naming the reference. */
  static SecretResolver none() {
    return uri -> {
      throw new IOException("no secret resolver is configured to read " + uri);
    };
  }
}
