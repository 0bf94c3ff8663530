package dev.rr.common.mysql;

/** Whether retrying a failed MySQL operation can succeed. */
public enum ErrorClass {
  /** The same operation may succeed later (connection lost, deadlock, failover...): retry it. */
  TRANSIENT,
  /** Retrying cannot help (bad data, constraint, syntax, privileges...): stop and report. */
  PERMANENT
}
