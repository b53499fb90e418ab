package dev.optilock.samples.shapes;

import javax.sql.DataSource;

/** The tables of this package's entities, for tests that check every sample table. */
public final class ShapeTables {
  private ShapeTables() {}

  /** Creates every table of the shapes' entities that is not there yet, with createTable(). */
  public static void create(DataSource dataSource) {
    new ImmutableInvoiceRepository(dataSource).createTable();
    new ImmutableTicketRepository(dataSource).createTable();
    new LombokValueRepository(dataSource).createTable();
    new LombokDataRepository(dataSource).createTable();
    new LombokGetterSetterRepository(dataSource).createTable();
    new LombokBuilderRepository(dataSource).createTable();
    new LombokRequiredArgsRepository(dataSource).createTable();
  }
}
