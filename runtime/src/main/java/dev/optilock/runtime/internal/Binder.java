package dev.optilock.runtime.internal;

import dev.optilock.runtime.Dialect;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Binds the values of one query call, straight-line, as the generated query method writes it. Not
 * for users.
 */
@FunctionalInterface
public interface Binder {
  /** A binder for a query without parameters. */
  Binder NONE = (statement, dialect) -> 1;

  /**
   * Binds the call's values from parameter 1 on.
   *
   * @return the index of the next parameter (1 when nothing was bound)
   */
  int bind(PreparedStatement statement, Dialect dialect) throws SQLException;
}
