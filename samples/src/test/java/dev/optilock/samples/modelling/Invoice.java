package dev.optilock.samples.modelling;

import dev.optilock.Table;

/** A concrete entity whose key, version and one column come from {@link Audited}. */
@Table("invoice")
public class Invoice extends Audited {
  private String customer;

  public Invoice() {}

  public Invoice(long id, String createdBy, String customer) {
    setId(id);
    setCreatedBy(createdBy);
    this.customer = customer;
  }

  public String getCustomer() {
    return customer;
  }

  public void setCustomer(String customer) {
    this.customer = customer;
  }
}
