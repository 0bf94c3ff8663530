package dev.rr.writer.custom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rr.common.model.ModType;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CustomTransformationsTest {
  @TempDir Path directory;

  /** Compiles {@code source} (class com.example.{@code name}) into a jar; the jar's path. */
  private String jar(String name, String source) throws Exception {
    Path sources = Files.createDirectories(directory.resolve("src/com/example"));
    Path file = sources.resolve(name + ".java");
    Files.writeString(file, source);
    Path classes = Files.createDirectories(directory.resolve("classes"));
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    int status = compiler.run(null, null, null, "-d", classes.toString(),
        "-cp", System.getProperty("java.class.path"), file.toString());
    assertEquals(0, status, "test source compiles");
    Path jar = directory.resolve(name + ".jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      String entry = "com/example/" + name + ".class";
      out.putNextEntry(new JarEntry(entry));
      out.write(Files.readAllBytes(classes.resolve(entry.replace('/', File.separatorChar))));
      out.closeEntry();
    }
    return jar.toString();
  }

  @Test
  void shouldLoadAndInitialiseATransformationFromAJar() throws Exception {
    String jar = jar("Suffix", """
        package com.example;
        import dev.rr.writer.custom.*;
        import java.util.Map;
        public class Suffix implements CustomTransformation {
          private String suffix;
          public void init(String parameters) { suffix = parameters; }
          public TransformationResponse toSourceRow(TransformationRequest request) {
            if (request.eventType() == dev.rr.common.model.ModType.DELETE) {
              return TransformationResponse.filter();
            }
            return TransformationResponse.withValues(
                Map.of("name", request.row().get("name") + suffix));
          }
        }
        """);

    CustomTransformation transformation =
        CustomTransformations.load(jar, "com.example.Suffix", "-x");

    TransformationResponse changed = transformation.toSourceRow(
        new TransformationRequest("Users", Map.of("name", "ann"), "s1", ModType.INSERT));
    TransformationResponse filtered = transformation.toSourceRow(
        new TransformationRequest("Users", Map.of(), "s1", ModType.DELETE));
    assertEquals(Map.of("name", "ann-x"), changed.sourceValues());
    assertTrue(filtered.filtered());
  }

  @Test
  void shouldNameTheJarAndClassWhenTheClassIsNoTransformation() throws Exception {
    String jar = jar("NotOne", "package com.example; public class NotOne {}");

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CustomTransformations.load(jar, "com.example.NotOne", ""));

    assertTrue(e.getMessage().contains("com.example.NotOne"), e.getMessage());
    assertTrue(e.getMessage().contains("does not implement"), e.getMessage());
  }

  @Test
  void shouldNameAMissingJar() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CustomTransformations.load(directory.resolve("none.jar").toString(), "X", ""));

    assertTrue(e.getMessage().contains("none.jar"), e.getMessage());
  }
}
