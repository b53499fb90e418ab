/**
 * The optilock test kit: JUnit Jupiter checks that an application's own repositories refuse stale
 * updates and deletes, move their versions and have tables that hold them. Start at {@link
 * dev.optilock.test.OptimisticLockingChecks}; {@code docs/testing.md} shows it in a test.
 */
package dev.optilock.test;
