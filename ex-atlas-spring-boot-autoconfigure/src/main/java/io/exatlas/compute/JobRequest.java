package io.exatlas.compute;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.exatlas.ExAtlasException;
import org.jspecify.annotations.Nullable;

/**
 * A serverless job to submit. Invalid input fails at construction with an {@link ExAtlasException} of kind
 * {@code VALIDATION}.
 *
 * @param endpoint the serverless endpoint id (required by providers that scope jobs to endpoints, e.g. RunPod)
 * @param input the job input, serialized to JSON by the provider
 * @param mode whether to wait for the result
 * @param timeout how long a {@link JobMode#SYNC} call waits before failing with {@code TIMEOUT}
 * @param webhook URL the provider calls when the job finishes
 * @param policy execution policy (RunPod: {@code executionTimeout}, {@code ttl}, {@code lowPriority})
 * @param providerOptions provider-specific top-level body fields
 */
public record JobRequest(@Nullable String endpoint, Object input, JobMode mode, Duration timeout,
		@Nullable String webhook, Map<String, Object> policy, Map<String, Object> providerOptions) {

	/** The default wait of a synchronous job. */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

	/**
	 * Validates the request.
	 * @param endpoint endpoint
	 * @param input input
	 * @param mode mode
	 * @param timeout timeout
	 * @param webhook webhook
	 * @param policy policy
	 * @param providerOptions provider options
	 */
	public JobRequest {
		Checks.notBlankIfPresent(endpoint, "endpoint");
		if (input == null) {
			throw ExAtlasException.validation("job input is required");
		}
		mode = (mode != null) ? mode : JobMode.ASYNC;
		timeout = (timeout != null) ? timeout : DEFAULT_TIMEOUT;
		Checks.positive(timeout, "timeout");
		Checks.notBlankIfPresent(webhook, "webhook");
		policy = Checks.options(policy, "policy");
		providerOptions = Checks.options(providerOptions, "providerOptions");
	}

	/**
	 * Start a job request.
	 * @param input the job input
	 * @return a builder (async, 30 s sync timeout)
	 */
	public static Builder builder(Object input) {
		return new Builder(input);
	}

	/**
	 * Describes the request without the input, policy or option values.
	 * @return the description
	 */
	@Override
	public String toString() {
		return "JobRequest[endpoint=" + this.endpoint + ", mode=" + this.mode + ", timeout=" + this.timeout
				+ ", webhook=" + (this.webhook != null) + ", policy=" + this.policy.keySet() + ", providerOptions="
				+ this.providerOptions.keySet() + "]";
	}

	/**
	 * Builds a {@link JobRequest}; {@link #build()} validates.
	 */
	public static final class Builder {

		private final Object input;

		private @Nullable String endpoint;

		private JobMode mode = JobMode.ASYNC;

		private Duration timeout = DEFAULT_TIMEOUT;

		private @Nullable String webhook;

		private final Map<String, Object> policy = new LinkedHashMap<>();

		private final Map<String, Object> providerOptions = new LinkedHashMap<>();

		private Builder(Object input) {
			this.input = Objects.requireNonNull(input, "input");
		}

		/**
		 * Set the endpoint id.
		 * @param endpoint the endpoint
		 * @return this builder
		 */
		public Builder endpoint(@Nullable String endpoint) {
			this.endpoint = endpoint;
			return this;
		}

		/**
		 * Set the mode.
		 * @param mode the mode
		 * @return this builder
		 */
		public Builder mode(JobMode mode) {
			this.mode = mode;
			return this;
		}

		/**
		 * Wait for the result, at most the given time.
		 * @param timeout the wait
		 * @return this builder
		 */
		public Builder sync(Duration timeout) {
			this.mode = JobMode.SYNC;
			this.timeout = timeout;
			return this;
		}

		/**
		 * Set the synchronous wait.
		 * @param timeout the wait
		 * @return this builder
		 */
		public Builder timeout(Duration timeout) {
			this.timeout = timeout;
			return this;
		}

		/**
		 * Set the completion webhook.
		 * @param webhook the URL
		 * @return this builder
		 */
		public Builder webhook(@Nullable String webhook) {
			this.webhook = webhook;
			return this;
		}

		/**
		 * Set one policy entry.
		 * @param key the policy key
		 * @param value the value
		 * @return this builder
		 */
		public Builder policy(String key, Object value) {
			this.policy.put(key, value);
			return this;
		}

		/**
		 * Set one provider-specific option.
		 * @param key the option
		 * @param value the value
		 * @return this builder
		 */
		public Builder providerOption(String key, Object value) {
			this.providerOptions.put(key, value);
			return this;
		}

		/**
		 * Validate and build the request.
		 * @return the request
		 */
		public JobRequest build() {
			return new JobRequest(this.endpoint, this.input, this.mode, this.timeout, this.webhook, this.policy,
					this.providerOptions);
		}

	}

}
