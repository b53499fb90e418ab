package dev.optilock.samples.converters;

import dev.optilock.Convert;
import dev.optilock.Id;
import dev.optilock.VersionField;
import dev.optilock.runtime.Converter;
import java.time.Period;

/**
 * A class entity (private fields, getters and setters) with two converted fields; the second
 * converter is a static nested class of the entity.
 */
public class Subscription {
  @Id private long id;
  @Convert(MoneyConverter.class) private Money fee;
  @Convert(Subscription.PeriodConverter.class) private Period billingPeriod;
  @VersionField private long version;

  public Subscription() {}

  public Subscription(long id, Money fee, Period billingPeriod) {
    this.id = id;
    this.fee = fee;
    this.billingPeriod = billingPeriod;
  }

  public long getId() { return id; }
  public void setId(long id) { this.id = id; }
  public Money getFee() { return fee; }
  public void setFee(Money fee) { this.fee = fee; }
  public Period getBillingPeriod() { return billingPeriod; }
  public void setBillingPeriod(Period billingPeriod) { this.billingPeriod = billingPeriod; }
  public long getVersion() { return version; }
  public void setVersion(long version) { this.version = version; }

  /** Stores a {@link Period} in its ISO-8601 form, {@code P1M}. */
  public static final class PeriodConverter implements Converter<Period, String> {
    @Override
    public String toColumn(Period period) {
      return period.toString();
    }

    @Override
    public Period fromColumn(String text) {
      return Period.parse(text);
    }
  }
}
