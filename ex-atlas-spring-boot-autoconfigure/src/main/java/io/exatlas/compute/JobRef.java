package io.exatlas.compute;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Identifies a serverless job: providers such as RunPod scope job ids to an endpoint, so both travel together.
 *
 * @param endpoint the serverless endpoint id ({@code null} for providers without endpoints)
 * @param id the job id
 */
public record JobRef(@Nullable String endpoint, String id) {

	/**
	 * Validates the reference.
	 * @param endpoint the endpoint
	 * @param id the job id
	 */
	public JobRef {
		Objects.requireNonNull(id, "id");
		Checks.required(id, "job id");
		Checks.notBlankIfPresent(endpoint, "endpoint");
	}

	/**
	 * A job on an endpoint.
	 * @param endpoint the endpoint id
	 * @param id the job id
	 * @return the reference
	 */
	public static JobRef of(@Nullable String endpoint, String id) {
		return new JobRef(endpoint, id);
	}

}
