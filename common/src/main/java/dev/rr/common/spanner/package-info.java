/** Spanner client plumbing shared by metadata DAOs, tests and the launcher: bounded retries of aborted work. */
package dev.rr.common.spanner;
