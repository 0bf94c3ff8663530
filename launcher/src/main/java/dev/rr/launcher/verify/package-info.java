/** Comparing Spanner with every MySQL shard through the session mapping, chunk by chunk. */
package dev.rr.launcher.verify;
