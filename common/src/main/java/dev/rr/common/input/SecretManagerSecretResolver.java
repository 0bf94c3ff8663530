package dev.rr.common.input;

import com.google.api.gax.rpc.ApiException;
import com.google.cloud.secretmanager.v1.SecretManagerServiceClient;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * Reads secrets from Google Cloud Secret Manager. References have the form
 * {@code projects/<project>/secrets/<secret>/versions/<version>} ({@code <version>} may be
 * {@code latest}). The client is created on first use with application default credentials and
 * kept until {@link #close()}.
 */
public final class SecretManagerSecretResolver implements SecretResolver, AutoCloseable {
  private static final Pattern SECRET_VERSION =
      Pattern.compile("projects/[^/\\s]+/secrets/[^/\\s]+/versions/[^/\\s]+");

  private SecretManagerServiceClient client;

  /** Whether {@code secretUri} is a Secret Manager secret-version name. */
  public static boolean isSecretVersionName(String secretUri) {
    return secretUri != null && SECRET_VERSION.matcher(secretUri).matches();
  }

  /** Fails when {@code secretUri} is not a Secret Manager secret-version name. */
  public static void checkSecretVersionName(String secretUri) {
    if (!isSecretVersionName(secretUri)) {
      throw new IllegalArgumentException(
          "'" + secretUri + "' is not a Secret Manager secret version: expected "
              + "projects/<project>/secrets/<secret>/versions/<version>");
    }
  }

  @Override
  public String resolve(String secretUri) throws IOException {
    checkSecretVersionName(secretUri);
    try {
      return client().accessSecretVersion(secretUri).getPayload().getData().toStringUtf8();
    } catch (ApiException e) {
      // The message is the service's (status, resource name); it never contains the payload.
      throw new IOException("cannot access Secret Manager secret " + secretUri + ": "
          + e.getStatusCode().getCode(), e);
    }
  }

  private synchronized SecretManagerServiceClient client() throws IOException {
    if (client == null) {
      client = SecretManagerServiceClient.create();
    }
    return client;
  }

  @Override
  public synchronized void close() {
    if (client != null) {
      client.close();
      client = null;
    }
  }
}
