/** The per-shard replication checkpoint kept in each MySQL shard, written with the data it covers. */
package dev.rr.common.mysql.checkpoint;
