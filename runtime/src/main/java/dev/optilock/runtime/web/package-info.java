/**
 * HTTP conditional requests for optimistic locking, with no servlet or framework dependency: {@link
 * dev.optilock.runtime.web.EntityTag} (ETag values, parsing and comparison), {@link
 * dev.optilock.runtime.web.Preconditions} ({@code If-Match} / {@code If-None-Match} evaluated into a
 * {@link dev.optilock.runtime.web.Precondition}: proceed, 304, 400, 412 or 428) and {@link
 * dev.optilock.runtime.web.HttpConflict} (a {@link dev.optilock.runtime.RecordModifiedException} as
 * 409 with the current representation). Signed form tokens are {@link
 * dev.optilock.runtime.VersionTokens}. See {@code docs/web.md} for wiring a framework.
 */
package dev.optilock.runtime.web;
