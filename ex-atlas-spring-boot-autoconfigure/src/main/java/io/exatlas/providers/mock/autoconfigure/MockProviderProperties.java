package io.exatlas.providers.mock.autoconfigure;

import java.time.Duration;

import io.exatlas.internal.PropertyRules;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Settings of the in-memory mock provider.
 */
@ConfigurationProperties("exatlas.providers.mock")
public class MockProviderProperties implements Validator {

	/**
	 * Whether the mock provider (id "mock") is registered. When unset, it is registered only when it is the default
	 * provider or no cloud provider is configured (no credential property or environment variable, no Fly app).
	 */
	private @Nullable Boolean enabled;

	/**
	 * Time between the steps of a mock job (queued, in progress, each output chunk, completed); 0 completes jobs
	 * as they are submitted.
	 */
	private Duration jobStepDelay = Duration.ofMillis(250);

	/**
	 * Number of output chunks a mock job streams.
	 */
	private int jobSteps = 3;

	public @Nullable Boolean getEnabled() {
		return this.enabled;
	}

	public void setEnabled(@Nullable Boolean enabled) {
		this.enabled = enabled;
	}

	public Duration getJobStepDelay() {
		return this.jobStepDelay;
	}

	public void setJobStepDelay(Duration jobStepDelay) {
		this.jobStepDelay = jobStepDelay;
	}

	public int getJobSteps() {
		return this.jobSteps;
	}

	public void setJobSteps(int jobSteps) {
		this.jobSteps = jobSteps;
	}

	@Override
	public boolean supports(Class<?> type) {
		return MockProviderProperties.class.isAssignableFrom(type);
	}

	/**
	 * Reject values that cannot work, after binding (Spring Boot reports each with the property and the reason).
	 * @param target this object
	 * @param errors the rejections
	 */
	@Override
	public void validate(Object target, Errors errors) {
		PropertyRules.notNegative(errors, "jobStepDelay", this.jobStepDelay);
		PropertyRules.atLeast(errors, "jobSteps", this.jobSteps, 1);
	}

}
