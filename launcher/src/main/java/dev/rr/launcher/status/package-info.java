/** Reading a run's progress from the metadata tables: status tables, cutover waiting, reprocess, drop. */
package dev.rr.launcher.status;
