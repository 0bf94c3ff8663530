package dev.rr.reader;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rr.common.routing.ShardIdFetcher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.ToolProvider;

/** A custom ShardIdFetcher compiled into a jar at test time, as a user would ship it. */
final class FetcherJar {
  static final String CLASS_NAME = "com.example.routing.AmountParityFetcher";

  /** Routes by the row's {@code amount}: even to the first shard of its parameters, odd to the second. */
  static final String SOURCE = """
      package com.example.routing;

      import dev.rr.common.routing.ShardIdFetcher;
      import dev.rr.common.routing.ShardIdRequest;
      import dev.rr.common.routing.ShardIdResponse;

      public class AmountParityFetcher implements ShardIdFetcher {
        private String even;
        private String odd;

        @Override
        public void init(String parameters) {
          String[] shards = parameters.split(",");
          even = shards[0];
          odd = shards[1];
        }

        @Override
        public ShardIdResponse getShardId(ShardIdRequest request) {
          Object amount = request.row().get("amount");
          if (amount == null) {
            return new ShardIdResponse(null);
          }
          return new ShardIdResponse(((Long) amount) % 2 == 0 ? even : odd);
        }
      }
      """;

  private FetcherJar() {}

  /** Compiles {@link #SOURCE} against rr-common and packs it as {@code dir/fetcher.jar}. */
  static Path build(Path dir) throws IOException {
    Path source = dir.resolve("src/com/example/routing/AmountParityFetcher.java");
    Path classes = Files.createDirectories(dir.resolve("classes"));
    Files.createDirectories(source.getParent());
    Files.writeString(source, SOURCE, StandardCharsets.UTF_8);
    String commonClasses = Path.of(ShardIdFetcher.class.getProtectionDomain().getCodeSource()
        .getLocation().getPath()).toString();
    int status = ToolProvider.getSystemJavaCompiler().run(null, null, null,
        "-d", classes.toString(), "-classpath", commonClasses, source.toString());
    assertEquals(0, status, "the test fetcher must compile");
    Path jar = dir.resolve("fetcher.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
        Stream<Path> files = Files.walk(classes)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
        Files.copy(file, out);
        out.closeEntry();
      }
    }
    return jar;
  }
}
