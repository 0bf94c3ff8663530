/**
 * Local services for tests and the quickstart: the installed Cloud Spanner emulator, private
 * throwaway MariaDB servers and PostgreSQL clusters, each on a free loopback port.
 */
package dev.rr.common.local;
