/** Decides which logical MySQL shard a Spanner change belongs to. */
package dev.rr.common.routing;
