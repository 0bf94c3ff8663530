/** The initial snapshot in plain Java: rows read at T as change records, chunked loads, the checkpoint at T. */
package dev.rr.writer.snapshot;
