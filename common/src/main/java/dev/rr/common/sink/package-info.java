/** What the writer needs of a shard database, per kind of database: the dialect seam. */
package dev.rr.common.sink;
