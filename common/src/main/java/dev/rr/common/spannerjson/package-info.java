/** How a Spanner change stream writes column values in its JSON: shared by routing and the MySQL sink. */
package dev.rr.common.spannerjson;
