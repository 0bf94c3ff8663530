package dev.rr.writer.testing;

import dev.rr.writer.logic.ShardConnections;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Connections that simulate the writer's process dying at a commit: after {@code commits}
 * successful commits, the next commit throws {@link Crash} (an Error nothing in the writer
 * catches), either before reaching the server or right after it committed.
 */
public final class CrashingConnections implements ShardConnections {

  /** The simulated death of the process. */
  public static final class Crash extends Error {
    private static final long serialVersionUID = 1L;

    Crash(String message) {
      super(message);
    }
  }

  private final ShardConnections delegate;
  private final int commits;
  private final boolean afterCommit;
  private final AtomicInteger done = new AtomicInteger();

  /**
   * @param commits commits that succeed before the crash
   * @param afterCommit true: the crashing commit reaches the server first
   */
  public CrashingConnections(ShardConnections delegate, int commits, boolean afterCommit) {
    this.delegate = delegate;
    this.commits = commits;
    this.afterCommit = afterCommit;
  }

  @Override
  public Connection get() throws SQLException {
    Connection connection = delegate.get();
    return (Connection) Proxy.newProxyInstance(
        Connection.class.getClassLoader(),
        new Class<?>[] {Connection.class},
        (proxy, method, args) -> {
          if (method.getName().equals("commit") && done.get() >= commits) {
            if (afterCommit) {
              connection.commit();
            }
            throw new Crash("simulated crash at commit " + (done.get() + 1)
                + (afterCommit ? " (after the server committed)" : " (before committing)"));
          }
          try {
            Object result = method.invoke(connection, args);
            if (method.getName().equals("commit")) {
              done.incrementAndGet();
            }
            return result;
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }
}
