package dev.optilock.samples.modelling;

import dev.optilock.Id;
import dev.optilock.VersionField;
import java.time.LocalDate;

/**
 * A class (a JavaBean: private fields, getters and setters, a no-arg constructor) with a key of
 * three parts of three types: a room, a day and a boxed slot number. Its boxed version is unsaved
 * while {@code null}.
 */
public class Booking {
  @Id private String room;
  @Id private LocalDate day;
  @Id private Integer slot;
  private String guest;
  @VersionField private Integer version;

  public Booking() {}

  /** A new, unsaved booking (version null). */
  public static Booking of(String room, LocalDate day, Integer slot, String guest) {
    Booking booking = new Booking();
    booking.setRoom(room);
    booking.setDay(day);
    booking.setSlot(slot);
    booking.setGuest(guest);
    return booking;
  }

  public String getRoom() {
    return room;
  }

  public void setRoom(String room) {
    this.room = room;
  }

  public LocalDate getDay() {
    return day;
  }

  public void setDay(LocalDate day) {
    this.day = day;
  }

  public Integer getSlot() {
    return slot;
  }

  public void setSlot(Integer slot) {
    this.slot = slot;
  }

  public String getGuest() {
    return guest;
  }

  public void setGuest(String guest) {
    this.guest = guest;
  }

  public Integer getVersion() {
    return version;
  }

  public void setVersion(Integer version) {
    this.version = version;
  }

  @Override
  public String toString() {
    return "Booking[room=" + room + ", day=" + day + ", slot=" + slot + ", guest=" + guest
        + ", version=" + version + "]";
  }
}
