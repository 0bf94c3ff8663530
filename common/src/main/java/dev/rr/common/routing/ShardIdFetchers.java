package dev.rr.common.routing;

import dev.rr.common.input.InputFiles;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a custom {@link ShardIdFetcher} from a jar at any Beam file system path (local or
 * {@code gs://}). Meant for a DoFn's {@code @Setup}: the jar is copied and its class loader made
 * once per JVM and jar path; each call returns a new, initialised instance.
 */
public final class ShardIdFetchers {
  private static final Logger LOG = LoggerFactory.getLogger(ShardIdFetchers.class);
  private static final Map<String, ClassLoader> LOADERS = new ConcurrentHashMap<>();

  private ShardIdFetchers() {}

  /**
   * A new instance of {@code className} from the jar at {@code jarPath}, after one call to its
   * {@link ShardIdFetcher#init init(customParameters)}.
   *
   * @throws ShardIdFetcherLoadException when the jar cannot be read, the class is missing, is not
   *     a {@link ShardIdFetcher}, has no public no-argument constructor, or its init fails
   */
  public static ShardIdFetcher load(String jarPath, String className, String customParameters) {
    ClassLoader loader = LOADERS.computeIfAbsent(jarPath, ShardIdFetchers::classLoaderFor);
    Class<?> type;
    try {
      type = Class.forName(className, true, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new ShardIdFetcherLoadException(
          "class " + className + " cannot be loaded from " + jarPath + ": " + e, e);
    }
    if (!ShardIdFetcher.class.isAssignableFrom(type)) {
      throw new ShardIdFetcherLoadException("class " + className + " in " + jarPath
          + " does not implement " + ShardIdFetcher.class.getName(), null);
    }
    ShardIdFetcher fetcher = instantiate(type.asSubclass(ShardIdFetcher.class), jarPath);
    try {
      fetcher.init(customParameters == null ? "" : customParameters);
    } catch (RuntimeException e) {
      // The parameters are the user's and may hold credentials: they are not repeated here.
      throw new ShardIdFetcherLoadException(
          className + ".init(customParameters) from " + jarPath + " failed: " + e, e);
    }
    LOG.info("[shardIdFetcher] loaded {} from {}", className, jarPath);
    return fetcher;
  }

  private static ShardIdFetcher instantiate(Class<? extends ShardIdFetcher> type, String jarPath) {
    try {
      return type.getConstructor().newInstance();
    } catch (NoSuchMethodException | IllegalAccessException e) {
      throw new ShardIdFetcherLoadException("class " + type.getName() + " in " + jarPath
          + " needs a public no-argument constructor", e);
    } catch (InstantiationException | InvocationTargetException e) {
      throw new ShardIdFetcherLoadException("class " + type.getName() + " in " + jarPath
          + " cannot be instantiated: " + e.getCause(), e);
    }
  }

  private static ClassLoader classLoaderFor(String jarPath) {
    try {
      Path local = Files.createTempFile("shard-id-fetcher-", ".jar");
      local.toFile().deleteOnExit();
      InputFiles.copyToLocal(jarPath, local);
      return new URLClassLoader(
          new URL[] {local.toUri().toURL()}, ShardIdFetchers.class.getClassLoader());
    } catch (IOException e) {
      throw new ShardIdFetcherLoadException(
          "shard id fetcher jar " + jarPath + " cannot be read: " + e, e);
    }
  }
}
