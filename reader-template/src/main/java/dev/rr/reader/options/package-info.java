/** The reader's edge: its pipeline options and their one-time parsing into a ReaderConfig. */
package dev.rr.reader.options;
