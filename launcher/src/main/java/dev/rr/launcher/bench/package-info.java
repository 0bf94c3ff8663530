/** The {@code rr bench} benchmarks: writer apply rate, shard scaling, reader rate and end-to-end lag. */
package dev.rr.launcher.bench;
