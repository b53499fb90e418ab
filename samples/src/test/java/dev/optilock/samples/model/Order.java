package dev.optilock.samples.model;

import dev.optilock.Column;
import dev.optilock.Id;
import dev.optilock.Table;
import dev.optilock.VersionField;

/**
 * An entity whose table and columns are SQL reserved words, for ReservedWordsTest: the table
 * {@code order}, the columns {@code user}, {@code select} and {@code group}, and the version column
 * {@code key} (reserved on MariaDB/MySQL), so the compare-and-set {@code WHERE} names it too.
 */
@Table("order")
public record Order(
    @Id long id,
    @Column("user") String customer,
    @Column("select") String choice,
    @Column("group") String team,
    @VersionField @Column("key") long version) {

  public Order withCustomer(String newCustomer) {
    return new Order(id, newCustomer, choice, team, version);
  }
}
