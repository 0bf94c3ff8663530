package dev.rr.testing;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds a jar of user code at test time, the way an operator ships a custom shard-id fetcher or
 * transformation: compiles Java sources against the classes of this build (named by classes they
 * use, e.g. {@code ShardIdFetcher.class}) and packs the compiled classes.
 */
public final class TestJars {
  private TestJars() {}

  /**
   * Compiles {@code sources} (path inside the source tree, e.g. {@code com/example/A.java} ->
   * source text) and packs them as {@code <dir>/<jarName>}.
   *
   * @param against classes whose jar or class directory the sources are compiled against
   * @throws IllegalStateException with the compiler's output when the sources do not compile
   */
  public static Path compile(Path dir, String jarName, Map<String, String> sources,
      Class<?>... against) throws IOException {
    Path src = Files.createDirectories(dir.resolve("src"));
    List<Path> files = new ArrayList<>();
    for (Map.Entry<String, String> source : sources.entrySet()) {
      Path file = src.resolve(source.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, source.getValue(), StandardCharsets.UTF_8);
      files.add(file);
    }
    return compileFiles(dir, jarName, files, against);
  }

  /**
   * Compiles the Java files {@code sourceFiles} and packs them as {@code <dir>/<jarName>}.
   *
   * @param against classes whose jar or class directory the sources are compiled against
   * @throws IllegalStateException with the compiler's output when the sources do not compile
   */
  public static Path compileFiles(Path dir, String jarName, List<Path> sourceFiles,
      Class<?>... against) throws IOException {
    Path classes = Files.createDirectories(dir.resolve("classes"));
    List<String> arguments = new ArrayList<>(List.of(
        "-d", classes.toString(), "-classpath", classpath(against)));
    sourceFiles.forEach(file -> arguments.add(file.toString()));
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    int status = compiler.run(null, errors, errors, arguments.toArray(String[]::new));
    if (status != 0) {
      throw new IllegalStateException("javac failed (" + status + ") for " + sourceFiles + ":\n"
          + errors.toString(StandardCharsets.UTF_8));
    }
    Path jar = dir.resolve(jarName);
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file);
        Stream<Path> compiled = Files.walk(classes)) {
      for (Path path : compiled.filter(Files::isRegularFile).sorted().toList()) {
        out.putNextEntry(new JarEntry(classes.relativize(path).toString().replace('\\', '/')));
        Files.copy(path, out);
        out.closeEntry();
      }
    }
    return jar;
  }

  private static String classpath(Class<?>... against) {
    Set<String> entries = new LinkedHashSet<>();
    for (Class<?> type : against) {
      entries.add(Path.of(type.getProtectionDomain().getCodeSource().getLocation().getPath())
          .toString());
    }
    return String.join(File.pathSeparator, entries);
  }
}
