package dev.rr.common.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rr.common.model.ModType;
import dev.rr.common.schema.ColumnMapping;
import dev.rr.common.schema.SchemaMapping;
import dev.rr.common.schema.SourceType;
import dev.rr.common.schema.SpannerType;
import dev.rr.common.schema.TableMapping;
import dev.rr.testing.TestJars;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Builds a real jar at test time and loads a fetcher from it, as a worker would. */
class ShardIdFetchersTest {
  private static final String FETCHER = "com.example.routing.IdModuloFetcher";
  private static final String FETCHER_SOURCE = """
      package com.example.routing;

      import dev.rr.common.routing.ShardIdFetcher;
      import dev.rr.common.routing.ShardIdRequest;
      import dev.rr.common.routing.ShardIdResponse;

      public class IdModuloFetcher implements ShardIdFetcher {
        private String[] shards;

        @Override
        public void init(String customParameters) {
          if (shards != null) {
            throw new IllegalStateException("init called twice");
          }
          shards = customParameters.split(",");
        }

        @Override
        public ShardIdResponse getShardId(ShardIdRequest request) {
          long id = (Long) request.row().get("id");
          return new ShardIdResponse(shards[(int) (id % shards.length)]);
        }
      }
      """;
  private static final String NOT_A_FETCHER_SOURCE = """
      package com.example.routing;

      public class NotAFetcher {}
      """;
  private static final String FAILING_INIT_SOURCE = """
      package com.example.routing;

      import dev.rr.common.routing.ShardIdFetcher;
      import dev.rr.common.routing.ShardIdRequest;
      import dev.rr.common.routing.ShardIdResponse;

      public class FailingInit implements ShardIdFetcher {
        @Override
        public void init(String customParameters) {
          throw new IllegalArgumentException("bad parameters");
        }

        @Override
        public ShardIdResponse getShardId(ShardIdRequest request) {
          return null;
        }
      }
      """;

  @TempDir static Path workDir;
  private static Path jar;

  @BeforeAll
  static void buildJar() throws IOException {
    jar = TestJars.compile(workDir, "fetchers.jar", Map.of(
        "com/example/routing/IdModuloFetcher.java", FETCHER_SOURCE,
        "com/example/routing/NotAFetcher.java", NOT_A_FETCHER_SOURCE,
        "com/example/routing/FailingInit.java", FAILING_INIT_SOURCE), ShardIdFetcher.class);
  }

  @Test
  void shouldLoadInitialiseAndRouteWithFetcherFromJar() {
    ShardIdFetcher fetcher = ShardIdFetchers.load(jar.toString(), FETCHER, "ls0,ls1,ls2");
    TableMapping singers = new TableMapping("Singers", "singers", List.of(
        new ColumnMapping("id", SpannerType.of("INT64"), "id", SourceType.of("int"))),
        List.of("id"), null);
    SchemaMapping mapping = new SchemaMapping() {
      @Override
      public Optional<TableMapping> forSpannerTable(String table) {
        return Optional.of(singers).filter(t -> t.spannerName().equals(table));
      }

      @Override
      public Set<String> spannerTables() {
        return Set.of("Singers");
      }
    };
    ShardRouter router = new ShardRouter(mapping, Set.of("ls0", "ls1", "ls2"), fetcher);

    RouteResult result = router.route(SpannerJsonValuesTest.record(ModType.INSERT, "{}", "{}"));

    assertEquals(RouteResult.routed("ls1"), result);
    assertEquals(FETCHER, fetcher.getClass().getName());
    assertNotSame(ShardIdFetchersTest.class.getClassLoader(),
        fetcher.getClass().getClassLoader());
  }

  @Test
  void shouldGiveEachCallerItsOwnInitialisedInstance() {
    ShardIdFetcher first = ShardIdFetchers.load(jar.toString(), FETCHER, "a");
    ShardIdFetcher second = ShardIdFetchers.load(jar.toString(), FETCHER, "b");

    assertNotSame(first, second);
    assertEquals("b", second.getShardId(new ShardIdRequest("T", Map.of("id", 0L)))
        .logicalShardId());
  }

  @Test
  void shouldNameMissingJar(@TempDir Path dir) {
    String missing = dir.resolve("absent.jar").toString();

    ShardIdFetcherLoadException e = assertThrows(ShardIdFetcherLoadException.class,
        () -> ShardIdFetchers.load(missing, FETCHER, ""));

    assertTrue(e.getMessage().contains(missing), e.getMessage());
  }

  @Test
  void shouldNameClassMissingFromJar() {
    ShardIdFetcherLoadException e = assertThrows(ShardIdFetcherLoadException.class,
        () -> ShardIdFetchers.load(jar.toString(), "com.example.routing.Nope", ""));

    assertTrue(e.getMessage().contains("com.example.routing.Nope"), e.getMessage());
    assertTrue(e.getMessage().contains(jar.toString()), e.getMessage());
  }

  @Test
  void shouldRejectClassThatIsNotAFetcher() {
    ShardIdFetcherLoadException e = assertThrows(ShardIdFetcherLoadException.class,
        () -> ShardIdFetchers.load(jar.toString(), "com.example.routing.NotAFetcher", ""));

    assertTrue(e.getMessage().contains("does not implement " + ShardIdFetcher.class.getName()),
        e.getMessage());
  }

  @Test
  void shouldReportFailingInitWithoutRepeatingParameters() {
    ShardIdFetcherLoadException e = assertThrows(ShardIdFetcherLoadException.class,
        () -> ShardIdFetchers.load(jar.toString(), "com.example.routing.FailingInit",
            "token=Secret42"));

    assertTrue(e.getMessage().contains("FailingInit.init"), e.getMessage());
    assertTrue(!e.getMessage().contains("Secret42"), e.getMessage());
    assertTrue(e.getCause() instanceof IllegalArgumentException);
  }
}
