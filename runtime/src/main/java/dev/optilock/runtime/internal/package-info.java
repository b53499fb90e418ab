/**
 * What only generated repositories call: the compare-and-set {@link
 * dev.optilock.runtime.internal.Engine}, the per-entity {@link dev.optilock.runtime.internal.Mapping}
 * it is driven by, the SQL of each dialect ({@link dev.optilock.runtime.internal.Statements}), the
 * batches ({@link dev.optilock.runtime.internal.Batches}) and the version arithmetic and
 * comparisons ({@link dev.optilock.runtime.internal.Versions}).
 *
 * <p><b>Not for users; may change in any release.</b> Applications use the generated repositories
 * and the public API of {@code dev.optilock.runtime}. A repository records the contract it was
 * generated for ({@link dev.optilock.runtime.internal.Engine#CONTRACT}); a runtime that cannot serve
 * it refuses at the repository's construction, naming both.
 */
package dev.optilock.runtime.internal;
