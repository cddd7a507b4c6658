package io.exatlas.spend.autoconfigure;

import java.time.Duration;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Spend accounting ({@code exatlas.spend.*}). Budgets and burn-rate caps are spawn policies:
 * {@code exatlas.admission.*}.
 */
@ConfigurationProperties("exatlas.spend")
public class SpendProperties implements Validator {

	/**
	 * Whether sessions' spend is accounted (registry, ledger, meters, endpoint).
	 */
	private boolean enabled = true;

	/**
	 * Time zone whose calendar days and months budgets count in.
	 */
	private ZoneId zone = ZoneId.of("UTC");

	/**
	 * How long settled spend is kept per day (at least 31 days, so that a month is whole).
	 */
	private Duration retention = Duration.ofDays(62);

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public ZoneId getZone() {
		return this.zone;
	}

	public void setZone(ZoneId zone) {
		this.zone = zone;
	}

	public Duration getRetention() {
		return this.retention;
	}

	public void setRetention(Duration retention) {
		this.retention = retention;
	}

	/**
	 * The retention in whole days.
	 * @return the days
	 */
	public int retentionDays() {
		return (int) Math.min(Integer.MAX_VALUE, this.retention.toDays());
	}

	@Override
	public boolean supports(Class<?> type) {
		return SpendProperties.class.isAssignableFrom(type);
	}

	/**
	 * Reject values that cannot work, after binding.
	 * @param target this object
	 * @param errors the rejections
	 */
	@Override
	public void validate(Object target, Errors errors) {
		if (this.retention.compareTo(Duration.ofDays(31)) < 0) {
			errors.rejectValue("retention", "tooShort", "must be at least 31 days, so that a month of spend is whole");
		}
	}

}
