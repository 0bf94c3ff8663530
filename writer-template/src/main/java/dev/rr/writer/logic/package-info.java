/** Plain-Java apply logic: window discovery, transaction batching, checkpointed MySQL apply. */
package dev.rr.writer.logic;
