/** Spanner access of the reader: connection configs, table schemas, row reads at a timestamp, progress writes. */
package dev.rr.reader.dao;
