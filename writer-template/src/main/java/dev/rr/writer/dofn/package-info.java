/** Thin Beam adapters around the writer's plain-Java shard workers. */
package dev.rr.writer.dofn;
