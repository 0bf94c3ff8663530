/**
 * Local services for tests and the quickstart: the installed Cloud Spanner emulator and private,
 * throwaway MariaDB servers, each started as a child process on a free loopback port.
 */
package dev.rr.common.local;
