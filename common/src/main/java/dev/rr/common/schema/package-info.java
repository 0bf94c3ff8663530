/** How Spanner tables and columns map to source (MySQL) tables and columns. */
package dev.rr.common.schema;
