package dev.optilock.samples.modelling;

import dev.optilock.Id;
import dev.optilock.VersionField;
import dev.optilock.VersionStrategy;

/**
 * A composite key of a text and a number whose version a database trigger moves (TRIGGER), so that
 * an update by any other client makes the application's copies stale.
 */
public record Parcel(
    @Id String carrier,
    @Id long trackingNo,
    String status,
    @VersionField(strategy = VersionStrategy.TRIGGER) long version) {
  public Parcel withStatus(String newStatus) {
    return new Parcel(carrier, trackingNo, newStatus, version);
  }
}
