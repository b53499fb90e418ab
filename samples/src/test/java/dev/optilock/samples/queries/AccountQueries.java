package dev.optilock.samples.queries;

import dev.optilock.Queries;
import dev.optilock.Sql;
import dev.optilock.samples.converters.Account;
import java.util.List;

/** Queries through a converter: the parameter is the property's type, bound as the column stores it. */
@Queries(Account.class)
public interface AccountQueries {
  List<Account> findByActiveOrderByOwner(boolean active);

  List<Account> findByActiveIn(List<Boolean> active);

  @Sql("SELECT * FROM account WHERE active = :active ORDER BY id")
  List<Account> activeAgain(boolean active);
}
