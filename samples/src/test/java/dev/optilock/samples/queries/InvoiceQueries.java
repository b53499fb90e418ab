package dev.optilock.samples.queries;

import dev.optilock.Queries;
import dev.optilock.samples.modelling.Invoice;
import java.util.List;

/** Queries of an entity whose key, version and a column come from its superclass. */
@Queries(Invoice.class)
public interface InvoiceQueries {
  List<Invoice> findByCreatedByOrderByCustomerDesc(String createdBy);

  long countByCustomerStartingWith(String prefix);
}
