package dev.rr.common.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpannerEmulatorTest {

  @TempDir Path sdkRoot;

  @Test
  void shouldNamePathTriedAndVariableWhenEmulatorIsNotInSdk() {
    LocalServiceException e = assertThrows(LocalServiceException.class,
        () -> SpannerEmulator.locateBinary(null, () -> sdkRoot));

    assertTrue(e.getMessage().contains(sdkRoot.resolve("bin/cloud_spanner_emulator/emulator_main").toString()),
        e.getMessage());
    assertTrue(e.getMessage().contains(SpannerEmulator.BIN_ENV), e.getMessage());
  }

  @Test
  void shouldNameVariableWhenOverrideIsNotExecutable() {
    String missing = sdkRoot.resolve("nowhere/emulator_main").toString();

    LocalServiceException e = assertThrows(LocalServiceException.class,
        () -> SpannerEmulator.locateBinary(missing, () -> sdkRoot));

    assertTrue(e.getMessage().contains(SpannerEmulator.BIN_ENV + "=" + missing), e.getMessage());
  }

  @Test
  void shouldPreferOverrideOverSdkRoot() throws IOException {
    Path binary = Files.createFile(sdkRoot.resolve("my_emulator"),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));

    assertEquals(binary, SpannerEmulator.locateBinary(binary.toString(), () -> Path.of("/nonexistent")));
  }

  @Test
  void shouldFindEmulatorUnderSdkRoot() throws IOException {
    Path binary = sdkRoot.resolve("bin/cloud_spanner_emulator/emulator_main");
    Files.createDirectories(binary.getParent());
    Files.createFile(binary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));

    assertEquals(binary, SpannerEmulator.locateBinary("", () -> sdkRoot));
  }
}
