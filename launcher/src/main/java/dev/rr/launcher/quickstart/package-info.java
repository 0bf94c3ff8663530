/** The local quickstart: embedded services, the sharded sample, replication, cutover and verify. */
package dev.rr.launcher.quickstart;
