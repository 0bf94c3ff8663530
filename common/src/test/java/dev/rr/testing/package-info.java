/**
 * Shared test support (common's test-jar): JUnit 5 extensions that give integration tests a real
 * Spanner emulator and real MySQL-compatible servers, a fresh database per test. A missing service
 * fails the test; it never skips it.
 */
package dev.rr.testing;
