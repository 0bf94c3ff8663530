/** The initial snapshot as a batch Beam pipeline: partitioned reads at T, routing, chunked loads. */
package dev.rr.writer.snapshot.beam;
