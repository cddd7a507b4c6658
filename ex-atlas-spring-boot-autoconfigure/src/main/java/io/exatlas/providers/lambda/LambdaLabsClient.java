package io.exatlas.providers.lambda;

import java.util.List;

import io.exatlas.compute.ProviderContext;
import io.exatlas.internal.WireJson;
import io.exatlas.providers.http.ProviderHttpClient;
import io.exatlas.providers.lambda.internal.LambdaLabsTranslator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A thin client for Lambda's Cloud API v1 ({@code https://cloud.lambda.ai/api/v1}). Every response's
 * {@code {"data": …}} envelope is unwrapped; errors ({@code {"error": {"code", "message", "suggestion"}}}) are
 * decoded with {@link LambdaLabsTranslator#ERROR_DECODER}.
 */
public class LambdaLabsClient {

	private final ProviderHttpClient http;

	/**
	 * Create the client.
	 * @param http the API's HTTP client
	 */
	public LambdaLabsClient(ProviderHttpClient http) {
		this.http = http;
	}

	/**
	 * {@code GET /instance-types}: every instance type with its price and the regions that have capacity now.
	 * @param context the call context
	 * @return a map of type name to {@code {instance_type, regions_with_capacity_available}}
	 */
	public Mono<JsonNode> instanceTypes(ProviderContext context) {
		return data(this.http.get("/instance-types").retrieve(context));
	}

	/**
	 * {@code POST /instance-operations/launch}. Never retried; see {@link #createOnce(Mono, Mono)}.
	 * @param body the launch body
	 * @param context the call context
	 * @return the ids of the launched instances
	 */
	public Mono<List<String>> launch(JsonNode body, ProviderContext context) {
		return data(this.http.post("/instance-operations/launch").body(body).retrieve(context))
			.map((data) -> WireJson.strings(data, "instance_ids"));
	}

	/**
	 * Run a launch so that an ambiguous failure never leads to a second instance.
	 * @param <T> the result
	 * @param create sends the launch once
	 * @param findExisting looks the instance up by its unique name
	 * @return the launched or found result
	 */
	public <T> Mono<T> createOnce(Mono<T> create, Mono<T> findExisting) {
		return this.http.createOnce(create, findExisting);
	}

	/**
	 * {@code GET /instances/{id}}.
	 * @param id the instance id
	 * @param context the call context
	 * @return the instance
	 */
	public Mono<JsonNode> instance(String id, ProviderContext context) {
		return data(this.http.get("/instances/{id}", id).retrieve(context));
	}

	/**
	 * {@code GET /instances}: every instance of the account.
	 * @param context the call context
	 * @return the instances
	 */
	public Flux<JsonNode> instances(ProviderContext context) {
		return data(this.http.get("/instances").retrieve(context)).flatMapIterable((data) -> data);
	}

	/**
	 * {@code POST /instance-operations/terminate}; repeating it is harmless, so it is retried.
	 * @param ids the instance ids
	 * @param context the call context
	 * @return the terminated instances
	 */
	public Flux<JsonNode> terminate(List<String> ids, ProviderContext context) {
		return data(this.http.post("/instance-operations/terminate").body(idsBody(ids)).idempotent(true)
			.retrieve(context)).flatMapIterable((data) -> data.path("terminated_instances"));
	}

	/**
	 * {@code POST /instance-operations/restart}.
	 * @param ids the instance ids
	 * @param context the call context
	 * @return the restarted instances
	 */
	public Flux<JsonNode> restart(List<String> ids, ProviderContext context) {
		return data(this.http.post("/instance-operations/restart").body(idsBody(ids)).retrieve(context))
			.flatMapIterable((data) -> data.path("restarted_instances"));
	}

	/**
	 * {@code GET /ssh-keys}.
	 * @param context the call context
	 * @return the SSH keys ({@code id}, {@code name}, {@code public_key})
	 */
	public Flux<JsonNode> sshKeys(ProviderContext context) {
		return data(this.http.get("/ssh-keys").retrieve(context)).flatMapIterable((data) -> data);
	}

	/**
	 * {@code GET /file-systems}.
	 * @param context the call context
	 * @return the file systems
	 */
	public Flux<JsonNode> fileSystems(ProviderContext context) {
		return data(this.http.get("/file-systems").retrieve(context)).flatMapIterable((data) -> data);
	}

	private static ObjectNode idsBody(List<String> ids) {
		ObjectNode body = WireJson.object();
		ArrayNode array = body.putArray("instance_ids");
		ids.forEach(array::add);
		return body;
	}

	private static Mono<JsonNode> data(Mono<JsonNode> response) {
		return response.map((body) -> body.path("data"));
	}

	/**
	 * Whether a credential is configured.
	 * @return see {@link ProviderHttpClient#hasCredentials()}
	 */
	public Mono<Boolean> hasCredentials() {
		return this.http.hasCredentials();
	}

}
