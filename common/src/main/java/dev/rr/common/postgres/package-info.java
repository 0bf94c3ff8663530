/** PostgreSQL shards: the {@link dev.rr.common.sink.ShardDialect} for PostgreSQL 15 and later. */
package dev.rr.common.postgres;
