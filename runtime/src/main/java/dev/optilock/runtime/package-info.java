/**
 * What generated repositories call, and what applications catch: {@link
 * dev.optilock.runtime.RecordModifiedException} for a lost update that was prevented, {@link
 * dev.optilock.runtime.DataAccessException} for every other database failure, {@link
 * dev.optilock.runtime.Transactions} to group repository calls, and {@link
 * dev.optilock.runtime.ExternalTransactions} to declare a data source on which a transaction manager
 * (JTA, Spring, Micronaut) runs transactions. {@link
 * dev.optilock.runtime.Database}, {@link dev.optilock.runtime.ConnectionLease}, {@link
 * dev.optilock.runtime.Batches} and {@link dev.optilock.runtime.Versions} are the support of the
 * engine that generated repositories call, in {@code dev.optilock.runtime.internal} (not for
 * users). This package depends on the JDK only.
 */
package dev.optilock.runtime;
