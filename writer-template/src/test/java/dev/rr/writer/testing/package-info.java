/** Test support for the writer: hand-written fakes, buffer and change-stream builders. */
package dev.rr.writer.testing;
