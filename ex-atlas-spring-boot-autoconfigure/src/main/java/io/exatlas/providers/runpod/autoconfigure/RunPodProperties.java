package io.exatlas.providers.runpod.autoconfigure;

import java.time.Duration;

import io.exatlas.internal.PropertyRules;
import io.exatlas.providers.http.autoconfigure.HttpProviderProperties;
import io.exatlas.providers.runpod.RunPodSettings;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;

/**
 * Settings of the RunPod provider (id "runpod"). The API key falls back to the RUNPOD_API_KEY environment variable.
 */
@ConfigurationProperties("exatlas.providers.runpod")
public class RunPodProperties extends HttpProviderProperties {

	/**
	 * Base URL of RunPod's management REST API v2.
	 */
	private String baseUrl = "https://api.runpod.io/v2";

	/**
	 * Base URL of RunPod's serverless runtime API (the endpoint id is appended).
	 */
	private String runtimeBaseUrl = "https://api.runpod.ai/v2";

	/**
	 * Read timeout of serverless runtime requests.
	 */
	private Duration runtimeReadTimeout = Duration.ofSeconds(120);

	/**
	 * URL of RunPod's GraphQL API, used for GPU prices and spot pods.
	 */
	private String graphqlUrl = "https://api.runpod.io/graphql";

	/**
	 * Mount path of a pod's persistent volume (volumeGb).
	 */
	private String volumeMountPath = "/workspace";

	/**
	 * Mount path of a pod's network volume (networkVolumeId).
	 */
	private String networkVolumeMountPath = "/runpod-volume";

	/**
	 * First wait between polls of a job's status or stream; doubles while nothing changes.
	 */
	private Duration jobPollInterval = Duration.ofMillis(500);

	/**
	 * Longest wait between polls of a job's status or stream.
	 */
	private Duration jobMaxPollInterval = Duration.ofSeconds(5);

	public String getBaseUrl() {
		return this.baseUrl;
	}

	public void setBaseUrl(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	public String getRuntimeBaseUrl() {
		return this.runtimeBaseUrl;
	}

	public void setRuntimeBaseUrl(String runtimeBaseUrl) {
		this.runtimeBaseUrl = runtimeBaseUrl;
	}

	public Duration getRuntimeReadTimeout() {
		return this.runtimeReadTimeout;
	}

	public void setRuntimeReadTimeout(Duration runtimeReadTimeout) {
		this.runtimeReadTimeout = runtimeReadTimeout;
	}

	public String getGraphqlUrl() {
		return this.graphqlUrl;
	}

	public void setGraphqlUrl(String graphqlUrl) {
		this.graphqlUrl = graphqlUrl;
	}

	public String getVolumeMountPath() {
		return this.volumeMountPath;
	}

	public void setVolumeMountPath(String volumeMountPath) {
		this.volumeMountPath = volumeMountPath;
	}

	public String getNetworkVolumeMountPath() {
		return this.networkVolumeMountPath;
	}

	public void setNetworkVolumeMountPath(String networkVolumeMountPath) {
		this.networkVolumeMountPath = networkVolumeMountPath;
	}

	public Duration getJobPollInterval() {
		return this.jobPollInterval;
	}

	public void setJobPollInterval(Duration jobPollInterval) {
		this.jobPollInterval = jobPollInterval;
	}

	public Duration getJobMaxPollInterval() {
		return this.jobMaxPollInterval;
	}

	public void setJobMaxPollInterval(Duration jobMaxPollInterval) {
		this.jobMaxPollInterval = jobMaxPollInterval;
	}

	/**
	 * The provider's settings these properties describe (beyond its HTTP clients).
	 * @return the settings
	 */
	public RunPodSettings toSettings() {
		return new RunPodSettings(this.volumeMountPath, this.networkVolumeMountPath, this.jobPollInterval,
				this.jobMaxPollInterval);
	}

	@Override
	public void validate(Object target, Errors errors) {
		super.validate(target, errors);
		PropertyRules.positive(errors, "runtimeReadTimeout", this.runtimeReadTimeout);
		PropertyRules.positive(errors, "jobPollInterval", this.jobPollInterval);
		PropertyRules.positive(errors, "jobMaxPollInterval", this.jobMaxPollInterval);
		if (this.jobMaxPollInterval.compareTo(this.jobPollInterval) < 0) {
			errors.rejectValue("jobMaxPollInterval", "exatlas.jobMaxPollInterval",
					"must be at least job-poll-interval (" + this.jobPollInterval + ")");
		}
	}

}
