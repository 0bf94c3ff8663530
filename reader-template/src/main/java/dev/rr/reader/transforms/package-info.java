/** The reader's named steps as composite transforms, in pipeline order. */
package dev.rr.reader.transforms;
