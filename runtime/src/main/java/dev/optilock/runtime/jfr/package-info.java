/**
 * JDK Flight Recorder events that optilock emits: {@code dev.optilock.Conflict} for every version
 * conflict, {@code dev.optilock.TransientFailure} for every failure classified as transient, and
 * {@code dev.optilock.Retry} for every retry that {@code modify} or {@link
 * dev.optilock.runtime.Transactions#call(javax.sql.DataSource, dev.optilock.runtime.RetryPolicy,
 * java.util.function.Supplier)} makes. They cost one check of a flag when no recording runs. See
 * {@code docs/clusters.md}, "Seeing it".
 */
package dev.optilock.runtime.jfr;
