/** Where the launcher finds Spanner (real or emulator) and how it opens clients to it. */
package dev.rr.launcher.spanner;
