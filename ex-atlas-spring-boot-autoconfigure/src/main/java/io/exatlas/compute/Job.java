package io.exatlas.compute;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A serverless job normalized across providers.
 *
 * @param id the job id
 * @param provider the provider id
 * @param endpoint the endpoint it runs on
 * @param status the portable status
 * @param output the output, once completed
 * @param error the provider's error description, once failed
 * @param executionTime how long it ran
 * @param delayTime how long it waited in the queue
 * @param createdAt when it was submitted, when known
 * @param raw the provider's payload
 */
public record Job(String id, String provider, @Nullable String endpoint, JobStatus status, @Nullable Object output,
		@Nullable Object error, @Nullable Duration executionTime, @Nullable Duration delayTime,
		@Nullable Instant createdAt, Map<String, Object> raw) {

	/**
	 * Validates the job.
	 * @param id id
	 * @param provider provider
	 * @param endpoint endpoint
	 * @param status status
	 * @param output output
	 * @param error error
	 * @param executionTime execution time
	 * @param delayTime delay time
	 * @param createdAt creation time
	 * @param raw raw payload
	 */
	public Job {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(provider, "provider");
		Objects.requireNonNull(status, "status");
		raw = (raw != null) ? java.util.Collections.unmodifiableMap(new LinkedHashMap<>(raw)) : Map.of();
	}

	/**
	 * The reference to use with {@code getJob}, {@code cancelJob} and {@code streamJob}.
	 * @return the reference
	 */
	public JobRef ref() {
		return new JobRef(this.endpoint, this.id);
	}

	/**
	 * Describes the job without its output or raw payload.
	 * @return the description
	 */
	@Override
	public String toString() {
		return "Job[id=" + this.id + ", provider=" + this.provider + ", endpoint=" + this.endpoint + ", status="
				+ this.status + ", executionTime=" + this.executionTime + ", delayTime=" + this.delayTime + "]";
	}

}
