package dev.optilock.samples.queries;

import com.example.crm.Customer;
import dev.optilock.Queries;
import dev.optilock.runtime.Versioned;
import java.util.List;
import java.util.Optional;

/** Queries of a class made versioned by @VersionedType: rows come with their version. */
@Queries(Customer.class)
public interface CustomerQueries {
  List<Versioned<Customer>> findByNameOrderByEmail(String name);

  Optional<Versioned<Customer>> findByEmail(String email);

  List<Versioned<Customer>> findByVersionGreaterThan(long version);
}
