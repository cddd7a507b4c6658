package io.exatlas.compute.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.exatlas.internal.PropertyRules;
import io.exatlas.providers.http.HttpProviderSettings;
import io.exatlas.providers.http.RetryPolicy;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Core ExAtlas settings.
 */
@ConfigurationProperties("exatlas")
public class ExAtlasProperties implements Validator {

	/**
	 * Id of the compute provider used when a call names none (e.g. "runpod", "mock").
	 */
	private @Nullable String defaultProvider;

	/**
	 * Extra or overriding GPU catalog entries: canonical GPU id, then provider id, then the provider's native id,
	 * e.g. exatlas.gpu-catalog.b200.runpod=NVIDIA B200.
	 */
	private Map<String, Map<String, String>> gpuCatalog = new LinkedHashMap<>();

	private final Compute compute = new Compute();

	private final Http http = new Http();

	public @Nullable String getDefaultProvider() {
		return this.defaultProvider;
	}

	public void setDefaultProvider(@Nullable String defaultProvider) {
		this.defaultProvider = defaultProvider;
	}

	public Map<String, Map<String, String>> getGpuCatalog() {
		return this.gpuCatalog;
	}

	public void setGpuCatalog(Map<String, Map<String, String>> gpuCatalog) {
		this.gpuCatalog = gpuCatalog;
	}

	public Compute getCompute() {
		return this.compute;
	}

	public Http getHttp() {
		return this.http;
	}

	/**
	 * Settings of the compute facade.
	 */
	public static class Compute {

		/**
		 * Prefix of the names generated for resources spawned without a name. The orchestrator's reaper treats
		 * untracked resources with this prefix as its own.
		 */
		private String namePrefix = "atlas-";

		/**
		 * How long a spawn's idempotency key answers a repeated spawn with the same key (its resource or its
		 * failure) instead of spawning again.
		 */
		private Duration idempotencyWindow = Duration.ofMinutes(10);

		public String getNamePrefix() {
			return this.namePrefix;
		}

		public void setNamePrefix(String namePrefix) {
			this.namePrefix = namePrefix;
		}

		public Duration getIdempotencyWindow() {
			return this.idempotencyWindow;
		}

		public void setIdempotencyWindow(Duration idempotencyWindow) {
			this.idempotencyWindow = idempotencyWindow;
		}

	}

	/**
	 * HTTP defaults for every provider; each provider may override them under exatlas.providers.<id>.
	 */
	public static class Http {

		/**
		 * Connect timeout of provider requests.
		 */
		private Duration connectTimeout = Duration.ofSeconds(10);

		/**
		 * Read timeout of provider requests.
		 */
		private Duration readTimeout = Duration.ofSeconds(30);

		/**
		 * Largest provider response body buffered in memory; a larger one fails with a PROVIDER error.
		 */
		private DataSize maxInMemorySize = DataSize.ofMegabytes(4);

		/**
		 * Total deadline of one provider call, retries and Retry-After waits included: a body trickled byte by byte
		 * cannot hold a caller longer.
		 */
		private Duration callTimeout = HttpProviderSettings.DEFAULT_CALL_TIMEOUT;

		private final Retry retry = new Retry();

		public Duration getConnectTimeout() {
			return this.connectTimeout;
		}

		public void setConnectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
		}

		public Duration getReadTimeout() {
			return this.readTimeout;
		}

		public void setReadTimeout(Duration readTimeout) {
			this.readTimeout = readTimeout;
		}

		public DataSize getMaxInMemorySize() {
			return this.maxInMemorySize;
		}

		public void setMaxInMemorySize(DataSize maxInMemorySize) {
			this.maxInMemorySize = maxInMemorySize;
		}

		/**
		 * The connection settings of an API at the given base URL with these defaults.
		 * @param baseUrl the API's base URL
		 * @return the settings
		 */
		public HttpProviderSettings toSettings(String baseUrl) {
			return new HttpProviderSettings(baseUrl, this.connectTimeout, this.readTimeout, this.maxInMemorySize,
					this.retry.toSettings(), this.callTimeout);
		}

		public Duration getCallTimeout() {
			return this.callTimeout;
		}

		public void setCallTimeout(Duration callTimeout) {
			this.callTimeout = callTimeout;
		}

		public Retry getRetry() {
			return this.retry;
		}

	}

	/**
	 * Retries of idempotent provider requests. Creates are never re-sent.
	 */
	public static class Retry {

		/**
		 * Retries after the first attempt; 0 disables retries.
		 */
		private int maxRetries = 3;

		/**
		 * Wait before the first retry; it doubles with each retry.
		 */
		private Duration initialBackoff = Duration.ofMillis(500);

		/**
		 * Longest wait between two attempts.
		 */
		private Duration maxBackoff = Duration.ofSeconds(8);

		/**
		 * Fraction (0 to 1) by which each wait is randomly shortened.
		 */
		private double jitter = 0.2;

		/**
		 * Longest Retry-After the client waits for; a longer one fails at once with RATE_LIMITED.
		 */
		private Duration maxRetryAfter = Duration.ofSeconds(60);

		/**
		 * HTTP statuses that are retried.
		 */
		private Set<Integer> statuses = RetryPolicy.DEFAULT_RETRYABLE_STATUSES;

		public int getMaxRetries() {
			return this.maxRetries;
		}

		public void setMaxRetries(int maxRetries) {
			this.maxRetries = maxRetries;
		}

		public Duration getInitialBackoff() {
			return this.initialBackoff;
		}

		public void setInitialBackoff(Duration initialBackoff) {
			this.initialBackoff = initialBackoff;
		}

		public Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		public void setMaxBackoff(Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
		}

		public double getJitter() {
			return this.jitter;
		}

		public void setJitter(double jitter) {
			this.jitter = jitter;
		}

		public Duration getMaxRetryAfter() {
			return this.maxRetryAfter;
		}

		public void setMaxRetryAfter(Duration maxRetryAfter) {
			this.maxRetryAfter = maxRetryAfter;
		}

		public Set<Integer> getStatuses() {
			return this.statuses;
		}

		public void setStatuses(Set<Integer> statuses) {
			this.statuses = statuses;
		}

		/**
		 * The retry policy these properties describe.
		 * @return the retry policy
		 */
		public RetryPolicy toSettings() {
			return new RetryPolicy(this.maxRetries, this.initialBackoff, this.maxBackoff, this.jitter,
					this.maxRetryAfter, this.statuses);
		}

	}

	@Override
	public boolean supports(Class<?> type) {
		return ExAtlasProperties.class.isAssignableFrom(type);
	}

	/**
	 * Reject values that cannot work, after binding (Spring Boot reports each with the property and the reason).
	 * @param target this object
	 * @param errors the rejections
	 */
	@Override
	public void validate(Object target, Errors errors) {
		PropertyRules.positive(errors, "compute.idempotencyWindow", this.compute.getIdempotencyWindow());
		PropertyRules.positive(errors, "http.connectTimeout", this.http.getConnectTimeout());
		PropertyRules.positive(errors, "http.readTimeout", this.http.getReadTimeout());
		PropertyRules.bufferSize(errors, "http.maxInMemorySize", this.http.getMaxInMemorySize());
		PropertyRules.positive(errors, "http.callTimeout", this.http.getCallTimeout());
		Retry retry = this.http.getRetry();
		PropertyRules.atLeast(errors, "http.retry.maxRetries", retry.getMaxRetries(), 0);
		PropertyRules.positive(errors, "http.retry.initialBackoff", retry.getInitialBackoff());
		PropertyRules.positive(errors, "http.retry.maxBackoff", retry.getMaxBackoff());
		PropertyRules.notNegative(errors, "http.retry.maxRetryAfter", retry.getMaxRetryAfter());
		if (retry.getJitter() < 0 || retry.getJitter() > 1) {
			errors.rejectValue("http.retry.jitter", "exatlas.fraction", "must be between 0 and 1 (was "
					+ retry.getJitter() + ")");
		}
		if (retry.getStatuses().stream().anyMatch((status) -> status == null || status < 100 || status > 599)) {
			errors.rejectValue("http.retry.statuses", "exatlas.status", "must be HTTP statuses between 100 and 599");
		}
	}

}
