/**
 * The end-to-end suite: Spanner emulator -> reader -> buffer -> writer -> three MariaDB shards,
 * both pipelines running unbounded on the DirectRunner, each scenario ending with an exact
 * comparison of Spanner at the cutover timestamp with the union of the shards.
 */
package dev.rr.launcher.e2e;
