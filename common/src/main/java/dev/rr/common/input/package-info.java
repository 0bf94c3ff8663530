/**
 * The operator's input files: the shards file (MySQL shard connections), the Spanner migration
 * tool's session file (schema mapping), and identity mapping when no session file is given.
 */
package dev.rr.common.input;
