package io.exatlas.providers.mock.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the in-memory mock provider.
 */
@ConfigurationProperties("exatlas.providers.mock")
public class MockProviderProperties {

	/**
	 * Whether the mock provider (id "mock") is registered.
	 */
	private boolean enabled = true;

	/**
	 * Time between the steps of a mock job (queued, in progress, each output chunk, completed); 0 completes jobs
	 * as they are submitted.
	 */
	private Duration jobStepDelay = Duration.ofMillis(250);

	/**
	 * Number of output chunks a mock job streams.
	 */
	private int jobSteps = 3;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
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

}
