/**
 * What generated repositories call, and what applications catch: {@link
 * dev.optilock.runtime.RecordModifiedException} for a lost update that was prevented, {@link
 * dev.optilock.runtime.DataAccessException} for every other database failure, {@link
 * dev.optilock.runtime.Transactions} to group repository calls, {@link
 * dev.optilock.runtime.ExternalTransactions} to declare a data source on which a transaction manager
 * (JTA, Spring, Micronaut) runs transactions, and {@link dev.optilock.runtime.VersionedRepository},
 * the interface every generated repository implements. {@link dev.optilock.runtime.Database}
 * and {@link dev.optilock.runtime.ConnectionLease} are the plumbing under the engine and under
 * this package's own public classes ({@code Transactions}, {@code Schema}, {@code Triggers},
 * {@code RetryPolicy}): public because the engine lives in {@code dev.optilock.runtime.internal},
 * but not for applications, and they may change in any release. What only generated code and the
 * engine call (the engine, batches, version arithmetic) is in {@code
 * dev.optilock.runtime.internal}. This package depends on the JDK only.
 */
package dev.optilock.runtime;
