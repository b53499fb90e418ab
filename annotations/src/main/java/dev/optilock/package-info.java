/**
 * The annotations of optilock: {@link dev.optilock.VersionField} makes a class or record a
 * versioned entity, {@link dev.optilock.Id} marks its key, {@link dev.optilock.Table} and
 * {@link dev.optilock.Column} name what it maps to, {@link dev.optilock.Transient} leaves a field
 * out.
 */
package dev.optilock;
