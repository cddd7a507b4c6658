package io.exatlas.providers.runpod;

import java.time.Duration;

import io.exatlas.compute.ProviderContext;
import io.exatlas.providers.http.ProviderHttpClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * A thin client for RunPod's serverless runtime API ({@code https://api.runpod.ai/v2/<endpointId>}): run, runsync,
 * status, cancel, stream, retry, purge-queue and health of one endpoint's jobs.
 */
public class RunPodRuntimeClient {

	private final ProviderHttpClient http;

	/**
	 * Create the client.
	 * @param http the runtime API's HTTP client
	 */
	public RunPodRuntimeClient(ProviderHttpClient http) {
		this.http = http;
	}

	/**
	 * {@code POST /{endpoint}/run}: queue a job. Never retried (a retry would queue a second job).
	 * @param endpoint the endpoint id
	 * @param body {@code {"input": …, "webhook"?, "policy"?}}
	 * @param context the call context
	 * @return {@code {"id", "status": "IN_QUEUE"}}
	 */
	public Mono<JsonNode> run(String endpoint, JsonNode body, ProviderContext context) {
		return this.http.post("/{endpoint}/run", endpoint).body(body).retrieve(context);
	}

	/**
	 * {@code POST /{endpoint}/runsync?wait=}: run a job and wait server-side up to {@code wait} (1 s to 300 s).
	 * The answer may still be a non-final status when the job outlives the wait.
	 * @param endpoint the endpoint id
	 * @param body the job body
	 * @param wait how long RunPod holds the request open
	 * @param context the call context
	 * @return the job
	 */
	public Mono<JsonNode> runSync(String endpoint, JsonNode body, Duration wait, ProviderContext context) {
		long waitMillis = Math.max(1_000, Math.min(300_000, wait.toMillis()));
		return this.http.post("/{endpoint}/runsync", endpoint).query("wait", waitMillis).body(body).retrieve(context);
	}

	/**
	 * {@code GET /{endpoint}/status/{job}}.
	 * @param endpoint the endpoint id
	 * @param jobId the job id
	 * @param context the call context
	 * @return the job
	 */
	public Mono<JsonNode> status(String endpoint, String jobId, ProviderContext context) {
		return this.http.get("/{endpoint}/status/{job}", endpoint, jobId).retrieve(context);
	}

	/**
	 * {@code POST /{endpoint}/cancel/{job}} (safe to repeat, so retried).
	 * @param endpoint the endpoint id
	 * @param jobId the job id
	 * @param context the call context
	 * @return the job
	 */
	public Mono<JsonNode> cancel(String endpoint, String jobId, ProviderContext context) {
		return this.http.post("/{endpoint}/cancel/{job}", endpoint, jobId).idempotent(true).retrieve(context);
	}

	/**
	 * {@code GET /{endpoint}/stream/{job}}: the partial output produced since the last call.
	 * @param endpoint the endpoint id
	 * @param jobId the job id
	 * @param context the call context
	 * @return {@code {"status", "stream": [{"output": …}]}}
	 */
	public Mono<JsonNode> stream(String endpoint, String jobId, ProviderContext context) {
		return this.http.get("/{endpoint}/stream/{job}", endpoint, jobId).retrieve(context);
	}

	/**
	 * {@code POST /{endpoint}/retry/{job}}: re-queue a failed or timed-out job under the same id.
	 * @param endpoint the endpoint id
	 * @param jobId the job id
	 * @param context the call context
	 * @return the job
	 */
	public Mono<JsonNode> retry(String endpoint, String jobId, ProviderContext context) {
		return this.http.post("/{endpoint}/retry/{job}", endpoint, jobId).retrieve(context);
	}

	/**
	 * {@code POST /{endpoint}/purge-queue}: drop every queued job.
	 * @param endpoint the endpoint id
	 * @param context the call context
	 * @return {@code {"removed", "status"}}
	 */
	public Mono<JsonNode> purgeQueue(String endpoint, ProviderContext context) {
		return this.http.post("/{endpoint}/purge-queue", endpoint).retrieve(context);
	}

	/**
	 * {@code GET /{endpoint}/health}: job and worker counts.
	 * @param endpoint the endpoint id
	 * @param context the call context
	 * @return {@code {"jobs": {…}, "workers": {…}}}
	 */
	public Mono<JsonNode> health(String endpoint, ProviderContext context) {
		return this.http.get("/{endpoint}/health", endpoint).retrieve(context);
	}

}
