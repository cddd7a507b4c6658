package io.exatlas.admission.autoconfigure;

import java.math.BigDecimal;

import io.exatlas.internal.PropertyRules;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * The built-in spawn policies; each applies only when set.
 */
@ConfigurationProperties("exatlas.admission")
public class AdmissionProperties implements Validator {

	/**
	 * Refuse offers above this price in USD per GPU-hour (placement attempts; unset: no limit).
	 */
	private @Nullable BigDecimal maxPricePerGpuHour;

	/**
	 * Refuse a session for a user who already has this many sessions tracked (unset: no limit).
	 */
	private @Nullable Integer maxSessionsPerUser;

	public @Nullable BigDecimal getMaxPricePerGpuHour() {
		return this.maxPricePerGpuHour;
	}

	public void setMaxPricePerGpuHour(@Nullable BigDecimal maxPricePerGpuHour) {
		this.maxPricePerGpuHour = maxPricePerGpuHour;
	}

	public @Nullable Integer getMaxSessionsPerUser() {
		return this.maxSessionsPerUser;
	}

	public void setMaxSessionsPerUser(@Nullable Integer maxSessionsPerUser) {
		this.maxSessionsPerUser = maxSessionsPerUser;
	}

	@Override
	public boolean supports(Class<?> type) {
		return AdmissionProperties.class.isAssignableFrom(type);
	}

	/**
	 * Reject values that cannot work, after binding (Spring Boot reports each with the property and the reason).
	 * @param target this object
	 * @param errors the rejections
	 */
	@Override
	public void validate(Object target, Errors errors) {
		if (this.maxPricePerGpuHour != null && this.maxPricePerGpuHour.signum() < 0) {
			errors.rejectValue("maxPricePerGpuHour", "negative", "must not be negative");
		}
		if (this.maxSessionsPerUser != null) {
			PropertyRules.atLeast(errors, "maxSessionsPerUser", this.maxSessionsPerUser, 1);
		}
	}

}
