/** The reader pipeline: Spanner change stream to sorted per-shard window files plus progress. */
package dev.rr.reader;
