package io.exatlas.providers.runpod.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.exatlas.compute.Job;
import io.exatlas.compute.JobOutput;
import io.exatlas.compute.JobRequest;
import io.exatlas.compute.JobStatus;
import io.exatlas.internal.WireJson;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static io.exatlas.providers.runpod.internal.RunPodWire.PROVIDER;

/**
 * RunPod serverless jobs on the wire: the body of {@code /run} and {@code /runsync}, job responses, statuses and
 * streamed output.
 */
public final class RunPodServerlessTranslator {

	private RunPodServerlessTranslator() {
	}

	/**
	 * The body of {@code /run} and {@code /runsync}: {@code input}, {@code webhook} and {@code policy} when set,
	 * then the provider options (e.g. {@code s3Config}).
	 * @param request the job
	 * @return the body
	 */
	public static ObjectNode jobBody(JobRequest request) {
		ObjectNode body = WireJson.object();
		body.set("input", WireJson.toTree(request.input()));
		if (request.webhook() != null) {
			body.put("webhook", request.webhook());
		}
		if (!request.policy().isEmpty()) {
			body.set("policy", WireJson.toTree(request.policy()));
		}
		request.providerOptions().forEach((key, value) -> body.set(key, WireJson.toTree(value)));
		return body;
	}

	/**
	 * A runtime job response as a {@link Job}.
	 * @param endpoint the endpoint it runs on
	 * @param job the response
	 * @return the job
	 */
	public static Job toJob(String endpoint, JsonNode job) {
		String id = WireJson.requiredIdentifier(job, PROVIDER, "job in RunPod's response", "id");
		Integer execution = WireJson.integer(job, "executionTime");
		Integer delay = WireJson.integer(job, "delayTime");
		return new Job(id, PROVIDER, endpoint, jobStatus(WireJson.text(job, "status")), WireJson.toValue(job.path("output")),
				WireJson.toValue(job.path("error")), (execution != null) ? Duration.ofMillis(execution) : null,
				(delay != null) ? Duration.ofMillis(delay) : null, null, WireJson.toMap(job));
	}

	/**
	 * RunPod's job status as the portable status ({@code RUNNING} is in progress).
	 * @param status the wire status
	 * @return the portable status
	 */
	public static JobStatus jobStatus(@Nullable String status) {
		if (status == null) {
			return JobStatus.IN_QUEUE;
		}
		return switch (status.toUpperCase(Locale.ROOT)) {
			case "IN_PROGRESS", "RUNNING" -> JobStatus.IN_PROGRESS;
			case "COMPLETED" -> JobStatus.COMPLETED;
			case "FAILED" -> JobStatus.FAILED;
			case "CANCELLED" -> JobStatus.CANCELLED;
			case "TIMED_OUT" -> JobStatus.TIMED_OUT;
			default -> JobStatus.IN_QUEUE;
		};
	}

	/**
	 * The output chunks of a {@code /stream} response ({@code {"status", "stream": [..]}} or a bare array).
	 * @param response the response
	 * @return the chunks
	 */
	public static List<JobOutput> streamChunks(JsonNode response) {
		JsonNode stream = response.isArray() ? response : response.path("stream");
		List<JobOutput> chunks = new ArrayList<>();
		for (JsonNode chunk : stream) {
			Object output = chunk.has("output") ? WireJson.toValue(chunk.path("output")) : WireJson.toValue(chunk);
			chunks.add(new JobOutput(output, WireJson.toMap(chunk)));
		}
		return chunks;
	}

}
