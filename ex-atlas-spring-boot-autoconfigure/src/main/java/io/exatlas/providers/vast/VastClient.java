package io.exatlas.providers.vast;

import io.exatlas.ErrorKind;
import io.exatlas.ExAtlasException;
import io.exatlas.compute.ProviderContext;
import io.exatlas.internal.WireJson;
import io.exatlas.providers.http.Paging;
import io.exatlas.providers.http.ProviderHttpClient;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A thin client for Vast.ai's REST API ({@code https://console.vast.ai}), with the paths and trailing slashes the
 * official CLI uses. Offer search is a read (retried); creating an instance from an ask is never retried (see
 * {@link #createOnce(Mono, Mono)}).
 */
public class VastClient {

	private static final int PAGE_SIZE = 25;

	private final ProviderHttpClient http;

	/**
	 * Create the client.
	 * @param http the API's HTTP client
	 */
	public VastClient(ProviderHttpClient http) {
		this.http = http;
	}

	/**
	 * {@code POST /api/v0/bundles/}: search offers. Vast answers 404 when the key is invalid; that becomes
	 * {@code UNAUTHORIZED}.
	 * @param query the filters, order, type and limit
	 * @param context the call context
	 * @return the offers in Vast's order
	 */
	public Flux<JsonNode> searchOffers(JsonNode query, ProviderContext context) {
		return this.http.post("/api/v0/bundles/")
			.body(query)
			.idempotent(true)
			.retrieve(context)
			.onErrorMap((ex) -> ex instanceof ExAtlasException atlas && atlas.kind() == ErrorKind.NOT_FOUND,
					(ex) -> ExAtlasException.builder(ErrorKind.UNAUTHORIZED)
						.provider(this.http.provider())
						.status(404)
						.message("Vast answered 404 to an offer search, which it does for an invalid API key")
						.build())
			.flatMapIterable((body) -> body.path("offers"));
	}

	/**
	 * {@code PUT /api/v0/asks/{offerId}/}: rent an offer. Never retried.
	 * @param offerId the offer (ask) id
	 * @param body the instance settings
	 * @param context the call context
	 * @return the new instance id ({@code new_contract})
	 */
	public Mono<String> createInstance(String offerId, JsonNode body, ProviderContext context) {
		return this.http.put("/api/v0/asks/{id}/", offerId)
			.body(body)
			.idempotent(false)
			.retrieve(context)
			.flatMap((response) -> {
				String id = WireJson.identifier(response, "new_contract");
				return (id != null) ? Mono.just(id) : Mono.error(ExAtlasException.builder(ErrorKind.PROVIDER)
					.provider(this.http.provider())
					.message("Vast's create answered no new_contract")
					.build());
			});
	}

	/**
	 * Run a create so that an ambiguous failure never leads to a second instance.
	 * @param <T> the result
	 * @param create sends the create once
	 * @param findExisting looks the instance up by its label and spawn token
	 * @return the created or found result
	 */
	public <T> Mono<T> createOnce(Mono<T> create, Mono<T> findExisting) {
		return this.http.createOnce(create, findExisting);
	}

	/**
	 * {@code GET /api/v0/instances/{id}/?owner=me}.
	 * @param id the instance id
	 * @param context the call context
	 * @return the instance; {@code NOT_FOUND} when Vast answers no instance
	 */
	public Mono<JsonNode> instance(String id, ProviderContext context) {
		return this.http.get("/api/v0/instances/{id}/", id)
			.query("owner", "me")
			.retrieve(context)
			.flatMap((body) -> {
				JsonNode instance = body.path("instances");
				return instance.isObject() ? Mono.just(instance)
						: Mono.error(ExAtlasException.notFound(this.http.provider(), "no instance " + id));
			});
	}

	/**
	 * {@code GET /api/v1/instances/}, following {@code next_token} page by page.
	 * @param label only instances with this label, or {@code null} for all
	 * @param context the call context
	 * @return the instances
	 */
	public Flux<JsonNode> instances(@Nullable String label, ProviderContext context) {
		return Paging
			.follow(this.http.provider(), page(label, null, context), (page) -> WireJson.identifier(page, "next_token"),
					(token) -> page(label, token, context), Paging.MAX_PAGES)
			.flatMapIterable((page) -> page.path("instances"));
	}

	/**
	 * {@code PUT /api/v0/instances/{id}/} with a target state.
	 * @param id the instance id
	 * @param state {@code running} or {@code stopped}
	 * @param context the call context
	 * @return completion
	 */
	public Mono<Void> changeState(String id, String state, ProviderContext context) {
		return this.http.put("/api/v0/instances/{id}/", id)
			.body(WireJson.object().put("state", state))
			.retrieve(context)
			.then();
	}

	/**
	 * {@code DELETE /api/v0/instances/{id}/}: destroy an instance.
	 * @param id the instance id
	 * @param context the call context
	 * @return completion
	 */
	public Mono<Void> destroy(String id, ProviderContext context) {
		return this.http.delete("/api/v0/instances/{id}/", id).retrieve(context).then();
	}

	private Mono<JsonNode> page(@Nullable String label, @Nullable String afterToken, ProviderContext context) {
		ObjectNode filters = WireJson.object();
		if (label != null) {
			filters.putObject("label").put("eq", label);
		}
		return this.http.get("/api/v1/instances/")
			.query("limit", PAGE_SIZE)
			.query("after_token", afterToken)
			.query("select_filters", (label != null) ? filters.toString() : null)
			.retrieve(context);
	}

	/**
	 * Whether a credential is configured.
	 * @return see {@link ProviderHttpClient#hasCredentials()}
	 */
	public Mono<Boolean> hasCredentials() {
		return this.http.hasCredentials();
	}

}
