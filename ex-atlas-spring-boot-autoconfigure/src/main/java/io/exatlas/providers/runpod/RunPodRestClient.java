package io.exatlas.providers.runpod;

import java.time.Instant;

import io.exatlas.compute.ProviderContext;
import io.exatlas.internal.WireJson;
import io.exatlas.providers.http.ProviderHttpClient;
import io.exatlas.providers.runpod.internal.RunPodPodTranslator;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A thin client for RunPod's management REST API v2 ({@code https://api.runpod.io/v2}): pods, templates, network
 * volumes, serverless endpoints and billing. Bodies are RunPod's own JSON; list responses are unwrapped
 * ({@code {"pods": [...]}} becomes a {@code Flux} of pods). Every call takes the per-call context so an application
 * can use several accounts.
 */
public class RunPodRestClient {

	private final ProviderHttpClient http;

	/**
	 * Create the client.
	 * @param http the management API's HTTP client
	 */
	public RunPodRestClient(ProviderHttpClient http) {
		this.http = http;
	}

	/**
	 * {@code POST /pods}: create a pod. Never retried; see {@link #createOnce(Mono, Mono)}.
	 * @param body a {@code CreatePodRequest}
	 * @param context the call context
	 * @return the created pod
	 */
	public Mono<JsonNode> createPod(JsonNode body, ProviderContext context) {
		return this.http.post("/pods").body(body).retrieve(context);
	}

	/**
	 * Run a create so that an ambiguous failure never leads to a second pod (see
	 * {@link ProviderHttpClient#createOnce(Mono, Mono)}).
	 * @param <T> the result
	 * @param create sends the create once
	 * @param findExisting looks the pod up by its spawn token
	 * @return the created or found result
	 */
	public <T> Mono<T> createOnce(Mono<T> create, Mono<T> findExisting) {
		return this.http.createOnce(create, findExisting);
	}

	/**
	 * {@code GET /pods/{id}}.
	 * @param id the pod id
	 * @param context the call context
	 * @return the pod
	 */
	public Mono<JsonNode> getPod(String id, ProviderContext context) {
		return this.http.get("/pods/{id}", id).retrieve(context);
	}

	/**
	 * {@code GET /pods}: every pod of the account (the v2 API filters nothing server-side).
	 * @param context the call context
	 * @return the pods
	 */
	public Flux<JsonNode> listPods(ProviderContext context) {
		return items(this.http.get("/pods").retrieve(context), "pods");
	}

	/**
	 * The pod created by the spawn that carried the token, if any.
	 * @param spawnToken the token
	 * @param context the call context
	 * @return the pod, or empty
	 */
	public Mono<JsonNode> findPodBySpawnToken(String spawnToken, ProviderContext context) {
		return listPods(context).filter((pod) -> RunPodPodTranslator.hasSpawnToken(pod, spawnToken)).next();
	}

	/**
	 * {@code POST /pods/{id}/action}: start, stop, restart or terminate.
	 * @param id the pod id
	 * @param action the action
	 * @param context the call context
	 * @return the updated pod (empty body for terminate)
	 */
	public Mono<JsonNode> podAction(String id, RunPodPodAction action, ProviderContext context) {
		ObjectNode body = WireJson.object().put("action", action.wireValue());
		return this.http.post("/pods/{id}/action", id).body(body).idempotent(true).retrieve(context);
	}

	/**
	 * {@code DELETE /pods/{id}}: terminate a pod.
	 * @param id the pod id
	 * @param context the call context
	 * @return completion
	 */
	public Mono<Void> deletePod(String id, ProviderContext context) {
		return this.http.delete("/pods/{id}", id).retrieve(context).then();
	}

	/**
	 * {@code GET /templates}.
	 * @param context the call context
	 * @return the templates
	 */
	public Flux<JsonNode> listTemplates(ProviderContext context) {
		return items(this.http.get("/templates").retrieve(context), "templates");
	}

	/**
	 * {@code GET /templates/{id}}.
	 * @param id the template id
	 * @param context the call context
	 * @return the template
	 */
	public Mono<JsonNode> getTemplate(String id, ProviderContext context) {
		return this.http.get("/templates/{id}", id).retrieve(context);
	}

	/**
	 * {@code POST /templates}.
	 * @param body a {@code CreateTemplateRequest} ({@code name} and {@code image} required)
	 * @param context the call context
	 * @return the template
	 */
	public Mono<JsonNode> createTemplate(JsonNode body, ProviderContext context) {
		return this.http.post("/templates").body(body).retrieve(context);
	}

	/**
	 * {@code DELETE /templates/{id}}.
	 * @param id the template id
	 * @param context the call context
	 * @return completion
	 */
	public Mono<Void> deleteTemplate(String id, ProviderContext context) {
		return this.http.delete("/templates/{id}", id).retrieve(context).then();
	}

	/**
	 * {@code GET /network-volumes}.
	 * @param context the call context
	 * @return the network volumes
	 */
	public Flux<JsonNode> listNetworkVolumes(ProviderContext context) {
		return items(this.http.get("/network-volumes").retrieve(context), "networkVolumes");
	}

	/**
	 * {@code GET /network-volumes/{id}}.
	 * @param id the volume id
	 * @param context the call context
	 * @return the volume
	 */
	public Mono<JsonNode> getNetworkVolume(String id, ProviderContext context) {
		return this.http.get("/network-volumes/{id}", id).retrieve(context);
	}

	/**
	 * {@code POST /network-volumes}.
	 * @param name the volume name
	 * @param sizeGb the size (10 to 4096 GB)
	 * @param dataCenter the data centre id, e.g. {@code US-KS-2}
	 * @param context the call context
	 * @return the volume
	 */
	public Mono<JsonNode> createNetworkVolume(String name, int sizeGb, String dataCenter, ProviderContext context) {
		ObjectNode body = WireJson.object().put("name", name).put("size", sizeGb).put("dataCenter", dataCenter);
		return this.http.post("/network-volumes").body(body).retrieve(context);
	}

	/**
	 * {@code DELETE /network-volumes/{id}}.
	 * @param id the volume id
	 * @param context the call context
	 * @return completion
	 */
	public Mono<Void> deleteNetworkVolume(String id, ProviderContext context) {
		return this.http.delete("/network-volumes/{id}", id).retrieve(context).then();
	}

	/**
	 * {@code GET /serverless}: the serverless endpoints.
	 * @param context the call context
	 * @return the endpoints
	 */
	public Flux<JsonNode> listEndpoints(ProviderContext context) {
		return items(this.http.get("/serverless").retrieve(context), "endpoints");
	}

	/**
	 * {@code GET /serverless/{id}}.
	 * @param id the endpoint id
	 * @param context the call context
	 * @return the endpoint
	 */
	public Mono<JsonNode> getEndpoint(String id, ProviderContext context) {
		return this.http.get("/serverless/{id}", id).retrieve(context);
	}

	/**
	 * {@code POST /serverless}.
	 * @param body a {@code CreateEndpointRequest} ({@code name}, {@code type} and {@code scaling} required)
	 * @param context the call context
	 * @return the endpoint
	 */
	public Mono<JsonNode> createEndpoint(JsonNode body, ProviderContext context) {
		return this.http.post("/serverless").body(body).retrieve(context);
	}

	/**
	 * {@code DELETE /serverless/{id}}.
	 * @param id the endpoint id
	 * @param context the call context
	 * @return completion
	 */
	public Mono<Void> deleteEndpoint(String id, ProviderContext context) {
		return this.http.delete("/serverless/{id}", id).retrieve(context).then();
	}

	/**
	 * {@code GET /billing/{resource}}: billing records.
	 * @param resource which resource's billing
	 * @param bucketSize {@code hour}, {@code day}, {@code week}, {@code month} or {@code year}
	 * @param start the start of the time range, or {@code null}
	 * @param end the end of the time range, or {@code null}
	 * @param context the call context
	 * @return the billing response ({@code records} and {@code metadata})
	 */
	public Mono<JsonNode> billing(BillingResource resource, String bucketSize, @Nullable Instant start,
			@Nullable Instant end, ProviderContext context) {
		return this.http.get("/billing/{resource}", resource.path())
			.query("bucketSize", bucketSize)
			.query("startTime", start)
			.query("endTime", end)
			.retrieve(context);
	}

	private static Flux<JsonNode> items(Mono<JsonNode> response, String field) {
		return response.flatMapIterable((body) -> body.isArray() ? body : body.path(field));
	}

	/**
	 * The resources {@link #billing} reports on.
	 */
	public enum BillingResource {

		/** Pods. */
		PODS("pods"),

		/** Serverless endpoints (RunPod v1's {@code /billing/endpoints}). */
		SERVERLESS("serverless"),

		/** Network volumes. */
		NETWORK_VOLUMES("network-volumes");

		private final String path;

		BillingResource(String path) {
			this.path = path;
		}

		String path() {
			return this.path;
		}

	}

	/**
	 * Whether a credential is configured.
	 * @return see {@link ProviderHttpClient#hasCredentials()}
	 */
	public Mono<Boolean> hasCredentials() {
		return this.http.hasCredentials();
	}

}
