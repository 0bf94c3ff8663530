package dev.rr.common.mysql.checkpoint;

import java.sql.SQLException;

/**
 * The checkpoint table cannot be created with the writer's privileges. The message holds the DDL
 * and the GRANT statement an administrator can run; error code and SQLState are the server's.
 */
public class CheckpointTableException extends SQLException {
  private static final long serialVersionUID = 1L;

  public CheckpointTableException(String message, SQLException cause) {
    super(message, cause.getSQLState(), cause.getErrorCode(), cause);
  }
}
