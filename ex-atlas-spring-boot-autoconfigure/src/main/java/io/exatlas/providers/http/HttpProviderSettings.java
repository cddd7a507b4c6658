package io.exatlas.providers.http;

import java.time.Duration;
import java.util.Objects;

import org.springframework.util.unit.DataSize;

/**
 * Connection settings of one provider API.
 *
 * @param baseUrl the API's base URL
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout how long to wait for response data
 * @param maxInMemorySize largest response body the client buffers; a larger one fails with a {@code PROVIDER}
 * error instead of exhausting memory
 * @param retry the retry policy for idempotent requests
 */
public record HttpProviderSettings(String baseUrl, Duration connectTimeout, Duration readTimeout,
		DataSize maxInMemorySize, RetryPolicy retry, Duration callTimeout) {

	/** The default total deadline of one call, retries and {@code Retry-After} waits included. */
	public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofMinutes(5);

	/**
	 * Validates the settings.
	 * @param baseUrl base URL
	 * @param connectTimeout connect timeout
	 * @param readTimeout read timeout
	 * @param maxInMemorySize max buffered body
	 * @param retry retry policy
	 * @param callTimeout total deadline of one call, retries and waits included
	 */
	public HttpProviderSettings {
		Objects.requireNonNull(baseUrl, "baseUrl");
		Objects.requireNonNull(connectTimeout, "connectTimeout");
		Objects.requireNonNull(readTimeout, "readTimeout");
		Objects.requireNonNull(maxInMemorySize, "maxInMemorySize");
		Objects.requireNonNull(retry, "retry");
		Objects.requireNonNull(callTimeout, "callTimeout");
		if (callTimeout.isNegative() || callTimeout.isZero()) {
			throw new IllegalArgumentException("callTimeout must be positive");
		}
		if (baseUrl.endsWith("/")) {
			baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
		}
	}

	/**
	 * The longest one call can take when the cloud does not answer: every attempt waits out the connect and the read
	 * timeout, with the longest back-off between attempts, capped by the call deadline ({@code Retry-After} waits
	 * are bounded by the deadline too). Shutdown budgets are checked against it.
	 * @return the worst case, at most {@link #callTimeout()}
	 */
	public Duration worstCaseCall() {
		int attempts = this.retry.maxRetries() + 1;
		Duration total = Duration.ZERO;
		for (int attempt = 0; attempt < attempts && total.compareTo(this.callTimeout) < 0; attempt++) {
			total = total.plus(this.connectTimeout).plus(this.readTimeout);
			if (attempt + 1 < attempts) {
				Duration backoff = this.retry.initialBackoff().multipliedBy(1L << Math.min(attempt, 30));
				total = total.plus((backoff.compareTo(this.retry.maxBackoff()) > 0 || backoff.isNegative())
						? this.retry.maxBackoff() : backoff);
			}
		}
		return (total.compareTo(this.callTimeout) < 0) ? total : this.callTimeout;
	}

	/**
	 * Settings with the default call deadline ({@link #DEFAULT_CALL_TIMEOUT}).
	 * @param baseUrl base URL
	 * @param connectTimeout connect timeout
	 * @param readTimeout read timeout
	 * @param maxInMemorySize max buffered body
	 * @param retry retry policy
	 */
	public HttpProviderSettings(String baseUrl, Duration connectTimeout, Duration readTimeout, DataSize maxInMemorySize,
			RetryPolicy retry) {
		this(baseUrl, connectTimeout, readTimeout, maxInMemorySize, retry, DEFAULT_CALL_TIMEOUT);
	}

	/**
	 * Settings with the library defaults: 10 s connect, 30 s read, 4 MB bodies, {@link RetryPolicy#defaults()}.
	 * @param baseUrl the base URL
	 * @return the settings
	 */
	public static HttpProviderSettings defaults(String baseUrl) {
		return new HttpProviderSettings(baseUrl, Duration.ofSeconds(10), Duration.ofSeconds(30),
				DataSize.ofMegabytes(4), RetryPolicy.defaults());
	}

	/**
	 * The same settings with another base URL.
	 * @param baseUrl the base URL
	 * @return the settings
	 */
	public HttpProviderSettings withBaseUrl(String baseUrl) {
		return new HttpProviderSettings(baseUrl, this.connectTimeout, this.readTimeout, this.maxInMemorySize,
				this.retry, this.callTimeout);
	}

	/**
	 * The same settings with another read timeout.
	 * @param readTimeout the timeout
	 * @return the settings
	 */
	public HttpProviderSettings withReadTimeout(Duration readTimeout) {
		return new HttpProviderSettings(this.baseUrl, this.connectTimeout, readTimeout, this.maxInMemorySize,
				this.retry, this.callTimeout);
	}

	/**
	 * The same settings with another call deadline.
	 * @param callTimeout the total deadline of one call, retries and waits included
	 * @return the settings
	 */
	public HttpProviderSettings withCallTimeout(Duration callTimeout) {
		return new HttpProviderSettings(this.baseUrl, this.connectTimeout, this.readTimeout, this.maxInMemorySize,
				this.retry, callTimeout);
	}

	/**
	 * The same settings with another retry policy.
	 * @param retry the policy
	 * @return the settings
	 */
	public HttpProviderSettings withRetry(RetryPolicy retry) {
		return new HttpProviderSettings(this.baseUrl, this.connectTimeout, this.readTimeout, this.maxInMemorySize,
				retry, this.callTimeout);
	}

}
