/** The writer pipeline: applies the buffer's window files to the MySQL shards, in commit order. */
package dev.rr.writer;
