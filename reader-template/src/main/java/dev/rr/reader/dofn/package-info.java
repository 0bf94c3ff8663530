/** Thin Beam adapters: each DoFn delegates to a plain class of the logic package. */
package dev.rr.reader.dofn;
