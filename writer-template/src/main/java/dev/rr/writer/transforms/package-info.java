/** Composite transforms of the writer pipeline. */
package dev.rr.writer.transforms;
