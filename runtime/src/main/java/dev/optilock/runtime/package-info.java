/**
 * What generated repositories call, and what applications catch: {@link
 * dev.optilock.runtime.RecordModifiedException} for a lost update that was prevented, {@link
 * dev.optilock.runtime.DataAccessException} for every other database failure, {@link
 * dev.optilock.runtime.Transactions} to group repository calls, {@link
 * dev.optilock.runtime.ExternalTransactions} to declare a data source on which a transaction manager
 * (JTA, Spring, Micronaut) runs transactions, and {@link dev.optilock.runtime.VersionedRepository},
 * the interface every generated repository implements. {@link dev.optilock.runtime.Database},
 * {@link dev.optilock.runtime.ConnectionLease}, {@link dev.optilock.runtime.Batches} and {@link
 * dev.optilock.runtime.Versions} are support of the engine that generated repositories call: public
 * because the engine lives in {@code dev.optilock.runtime.internal}, but not for applications, and
 * they may change in any release. They use package-private parts of this package, which is why
 * they have not moved to {@code dev.optilock.runtime.internal} yet. This package depends on the JDK
 * only.
 */
package dev.optilock.runtime;
