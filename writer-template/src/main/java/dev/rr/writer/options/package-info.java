/** The writer's pipeline options and their one-time parsing into a {@code WriterConfig}. */
package dev.rr.writer.options;
