/**
 * The custom transformation interface users implement in their own jar to change or filter
 * events before the writer applies them.
 */
package dev.rr.writer.custom;
