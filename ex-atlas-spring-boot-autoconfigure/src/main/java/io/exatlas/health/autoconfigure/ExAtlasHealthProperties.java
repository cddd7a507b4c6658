package io.exatlas.health.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * The starter's health contributor ({@code exatlas.health.*}; switch it off with
 * {@code management.health.exatlas.enabled=false}).
 */
@ConfigurationProperties("exatlas.health")
public class ExAtlasHealthProperties implements Validator {

	/**
	 * How long a provider's answer to "are credentials configured?" is cached by its health indicator.
	 */
	private Duration configuredRecheck = Duration.ofSeconds(60);

	public Duration getConfiguredRecheck() {
		return this.configuredRecheck;
	}

	public void setConfiguredRecheck(Duration configuredRecheck) {
		this.configuredRecheck = configuredRecheck;
	}

	@Override
	public boolean supports(Class<?> type) {
		return ExAtlasHealthProperties.class.isAssignableFrom(type);
	}

	/**
	 * Reject values that cannot work, after binding.
	 * @param target this object
	 * @param errors the rejections
	 */
	@Override
	public void validate(Object target, Errors errors) {
		if (this.configuredRecheck.isNegative()) {
			errors.rejectValue("configuredRecheck", "negative", "must not be negative");
		}
	}

}
