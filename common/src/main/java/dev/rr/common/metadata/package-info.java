/**
 * The Spanner metadata tables shared by reader, writer and launcher: run row, file-create
 * progress and file-process progress, their DDL and their DAOs (plain Spanner client, no Beam).
 */
package dev.rr.common.metadata;
