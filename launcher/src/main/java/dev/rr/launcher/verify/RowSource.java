package dev.rr.launcher.verify;

import java.sql.SQLException;

/** Canonical rows of one side of a comparison, in key order. */
interface RowSource {
  /** The next row without consuming it, null when done. */
  VerifyRow peek() throws SQLException;

  /** The next row, null when done. */
  VerifyRow next() throws SQLException;
}
