/** Launching a run: pre-launch checks, Dataflow flex-template commands, in-process DirectRunner. */
package dev.rr.launcher.launch;
