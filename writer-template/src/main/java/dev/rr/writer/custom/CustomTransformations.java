package dev.rr.writer.custom;

import dev.rr.common.input.InputFiles;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loads a {@link CustomTransformation} from a jar at any Beam file system path (local or {@code
 * gs://}): the jar is copied once per JVM and path, each call returns a new, initialised
 * instance. Works like the reader's custom shard-id fetcher loader.
 */
public final class CustomTransformations {
  private static final Map<String, ClassLoader> LOADERS = new ConcurrentHashMap<>();

  private CustomTransformations() {}

  /**
   * A new instance of {@code className} from {@code jarPath} after {@code init(parameters)}.
   *
   * @throws IllegalArgumentException naming the jar and class when the jar cannot be read, the
   *     class is missing, does not implement {@link CustomTransformation}, has no public
   *     no-argument constructor, or its init fails
   */
  public static CustomTransformation load(String jarPath, String className, String parameters) {
    ClassLoader loader = LOADERS.computeIfAbsent(jarPath, CustomTransformations::classLoaderFor);
    Class<?> type;
    try {
      type = Class.forName(className, true, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new IllegalArgumentException(
          "class " + className + " cannot be loaded from " + jarPath + ": " + e, e);
    }
    if (!CustomTransformation.class.isAssignableFrom(type)) {
      throw new IllegalArgumentException("class " + className + " in " + jarPath
          + " does not implement " + CustomTransformation.class.getName());
    }
    CustomTransformation transformation;
    try {
      transformation =
          type.asSubclass(CustomTransformation.class).getConstructor().newInstance();
    } catch (NoSuchMethodException | IllegalAccessException | InstantiationException
        | InvocationTargetException e) {
      throw new IllegalArgumentException("class " + className + " in " + jarPath
          + " needs a public no-argument constructor that succeeds: " + e, e);
    }
    try {
      transformation.init(parameters == null ? "" : parameters);
    } catch (RuntimeException e) {
      // The parameters are the user's and may hold credentials: they are not repeated here.
      throw new IllegalArgumentException(
          className + ".init(transformationCustomParameters) from " + jarPath + " failed: " + e, e);
    }
    return transformation;
  }

  private static ClassLoader classLoaderFor(String jarPath) {
    try {
      Path local = Files.createTempFile("custom-transformation-", ".jar");
      local.toFile().deleteOnExit();
      InputFiles.copyToLocal(jarPath, local);
      return new URLClassLoader(
          new URL[] {local.toUri().toURL()}, CustomTransformations.class.getClassLoader());
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "custom transformation jar " + jarPath + " cannot be read: " + e, e);
    }
  }
}
