/** picocli subcommands and option types: the edge where text arguments become typed config. */
package dev.rr.launcher.cli;
