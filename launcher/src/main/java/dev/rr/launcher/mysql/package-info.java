/** How the launcher connects to the MySQL shards: bounded timeouts and failures said in words. */
package dev.rr.launcher.mysql;
