/** The {@code rr} command: entry point, exit codes and top-level wiring of the subcommands. */
package dev.rr.launcher;
