/** The randomized differential checker: consistent-prefix samples of each shard against Spanner. */
package dev.rr.launcher.check;
