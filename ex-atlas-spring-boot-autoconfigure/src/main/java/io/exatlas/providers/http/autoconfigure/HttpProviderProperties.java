package io.exatlas.providers.http.autoconfigure;

import java.time.Duration;

import io.exatlas.compute.autoconfigure.ExAtlasProperties;
import io.exatlas.internal.PropertyRules;
import io.exatlas.providers.http.CredentialSource;
import io.exatlas.providers.http.HttpProviderSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Settings every HTTP provider shares. Unset timeouts, size limit and retry count fall back to {@code exatlas.http.*}.
 */
public abstract class HttpProviderProperties implements Validator {

	/**
	 * Whether the provider is registered.
	 */
	private boolean enabled = true;

	/**
	 * API key. When unset, the provider's environment variable is used.
	 */
	private @Nullable String apiKey;

	/**
	 * Connect timeout; defaults to exatlas.http.connect-timeout.
	 */
	private @Nullable Duration connectTimeout;

	/**
	 * Read timeout; defaults to exatlas.http.read-timeout.
	 */
	private @Nullable Duration readTimeout;

	/**
	 * Largest response body buffered in memory; defaults to exatlas.http.max-in-memory-size.
	 */
	private @Nullable DataSize maxInMemorySize;

	/**
	 * Retries of idempotent requests; defaults to exatlas.http.retry.max-retries.
	 */
	private @Nullable Integer maxRetries;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getApiKey() {
		return this.apiKey;
	}

	public void setApiKey(@Nullable String apiKey) {
		this.apiKey = apiKey;
	}

	public @Nullable Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(@Nullable Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public @Nullable Duration getReadTimeout() {
		return this.readTimeout;
	}

	public void setReadTimeout(@Nullable Duration readTimeout) {
		this.readTimeout = readTimeout;
	}

	public @Nullable DataSize getMaxInMemorySize() {
		return this.maxInMemorySize;
	}

	public void setMaxInMemorySize(@Nullable DataSize maxInMemorySize) {
		this.maxInMemorySize = maxInMemorySize;
	}

	public @Nullable Integer getMaxRetries() {
		return this.maxRetries;
	}

	public void setMaxRetries(@Nullable Integer maxRetries) {
		this.maxRetries = maxRetries;
	}

	/**
	 * The connection settings of one of the provider's APIs.
	 * @param baseUrl the API's base URL
	 * @param defaults the global HTTP defaults
	 * @return the settings
	 */
	public HttpProviderSettings toSettings(String baseUrl, ExAtlasProperties.Http defaults) {
		return new HttpProviderSettings(baseUrl, orDefault(this.connectTimeout, defaults.getConnectTimeout()),
				orDefault(this.readTimeout, defaults.getReadTimeout()),
				orDefault(this.maxInMemorySize, defaults.getMaxInMemorySize()),
				defaults.getRetry().toSettings().withMaxRetries(orDefault(this.maxRetries, defaults.getRetry().getMaxRetries())),
				defaults.getCallTimeout());
	}

	/**
	 * The provider's credential, resolved on every request: the {@code api-key} property, else the environment
	 * variable.
	 * @param environment the Spring environment (which includes OS environment variables)
	 * @param variable the environment variable, e.g. {@code RUNPOD_API_KEY}
	 * @return the source
	 */
	public CredentialSource toCredentialSource(Environment environment, String variable) {
		return CredentialSource.of(() -> StringUtils.hasText(this.apiKey) ? this.apiKey : environment.getProperty(variable));
	}


	private static <T> T orDefault(@Nullable T value, T fallback) {
		return (value != null) ? value : fallback;
	}

	@Override
	public boolean supports(Class<?> type) {
		return getClass().isAssignableFrom(type);
	}

	/**
	 * Reject values that cannot work, after binding (Spring Boot reports each with the property and the reason).
	 * Subclasses add their own checks.
	 * @param target this object
	 * @param errors the rejections
	 */
	@Override
	public void validate(Object target, Errors errors) {
		PropertyRules.positive(errors, "connectTimeout", this.connectTimeout);
		PropertyRules.positive(errors, "readTimeout", this.readTimeout);
		PropertyRules.bufferSize(errors, "maxInMemorySize", this.maxInMemorySize);
		PropertyRules.atLeast(errors, "maxRetries", this.maxRetries, 0);
	}

}
