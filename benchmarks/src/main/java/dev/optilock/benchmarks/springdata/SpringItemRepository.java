package dev.optilock.benchmarks.springdata;

import org.springframework.data.repository.CrudRepository;

/** The Spring Data JDBC repository of {@link SpringItem}. */
public interface SpringItemRepository extends CrudRepository<SpringItem, Long> {}
