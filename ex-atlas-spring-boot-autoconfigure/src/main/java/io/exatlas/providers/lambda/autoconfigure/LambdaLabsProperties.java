package io.exatlas.providers.lambda.autoconfigure;

import io.exatlas.providers.http.autoconfigure.HttpProviderProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the Lambda Cloud provider (id "lambda-labs"). The API key falls back to the LAMBDA_LABS_API_KEY
 * environment variable.
 */
@ConfigurationProperties("exatlas.providers.lambda-labs")
public class LambdaLabsProperties extends HttpProviderProperties {

	/**
	 * Base URL of Lambda's Cloud API v1.
	 */
	private String baseUrl = "https://cloud.lambda.ai/api/v1";

	/**
	 * Name of the SSH key (registered with Lambda) put on every instance whose request names none; Lambda requires
	 * exactly one.
	 */
	private @Nullable String sshKeyName;

	public String getBaseUrl() {
		return this.baseUrl;
	}

	public void setBaseUrl(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	public @Nullable String getSshKeyName() {
		return this.sshKeyName;
	}

	public void setSshKeyName(@Nullable String sshKeyName) {
		this.sshKeyName = sshKeyName;
	}

}
