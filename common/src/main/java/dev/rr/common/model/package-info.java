/** Values that travel between pipeline steps: one change (one mod) of one Spanner transaction. */
package dev.rr.common.model;
