/**
 * The MySQL dialect: maps change records to source rows, converts values to JDBC parameters,
 * builds parameterized DML and classifies MySQL errors as transient or permanent.
 */
package dev.rr.common.mysql;
