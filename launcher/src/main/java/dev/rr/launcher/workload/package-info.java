/** A seeded random workload against the sample schema, for the quickstart, tests and benchmarks. */
package dev.rr.launcher.workload;
