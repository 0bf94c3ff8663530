package dev.rr.common.input;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SecretManagerSecretResolverTest {

  @Test
  void shouldAcceptSecretVersionNames() {
    assertTrue(SecretManagerSecretResolver.isSecretVersionName(
        "projects/my-project/secrets/mysql-password/versions/latest"));
    assertTrue(
        SecretManagerSecretResolver.isSecretVersionName("projects/123/secrets/s/versions/7"));
  }

  @Test
  void shouldRejectOtherReferences() {
    assertFalse(SecretManagerSecretResolver.isSecretVersionName("projects/p/secrets/s"));
    assertFalse(SecretManagerSecretResolver.isSecretVersionName("gs://bucket/secret"));
    assertFalse(SecretManagerSecretResolver.isSecretVersionName(
        "projects/p/secrets/s/versions/1/extra"));
    assertFalse(SecretManagerSecretResolver.isSecretVersionName(null));
  }

  @Test
  void shouldFailOnMalformedReferenceWithoutContactingTheService() {
    try (SecretManagerSecretResolver resolver = new SecretManagerSecretResolver()) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> resolver.resolve("projects/p/secrets/s"));

      assertTrue(e.getMessage().contains("projects/p/secrets/s"), e.getMessage());
    }
  }
}
