/** The durable file buffer between reader and writer: record codec, Beam coder, window files, external sort. */
package dev.rr.common.buffer;
