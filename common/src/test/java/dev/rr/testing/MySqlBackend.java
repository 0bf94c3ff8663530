package dev.rr.testing;

/** Where {@link MySqlExtension} gets its servers from; one kind per test JVM. */
interface MySqlBackend extends AutoCloseable {

  /** A new server (or, for an external server, another handle to it). */
  MySqlTestServer newServer();

  @Override
  void close();
}
