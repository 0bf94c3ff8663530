/** Typed configuration values shared by the pipelines and the launcher: run modes, durations, validation errors. */
package dev.rr.common.config;
