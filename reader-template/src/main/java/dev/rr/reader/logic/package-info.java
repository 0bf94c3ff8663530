/** The reader's plain-Java logic: filtering, splitting, routing, window grid, file writing, progress. */
package dev.rr.reader.logic;
