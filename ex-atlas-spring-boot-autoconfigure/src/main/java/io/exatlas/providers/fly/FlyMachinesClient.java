package io.exatlas.providers.fly;

import io.exatlas.compute.ProviderContext;
import io.exatlas.providers.http.Paging;
import io.exatlas.providers.http.ProviderHttpClient;
import io.exatlas.providers.http.ProviderResponse;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * A thin client for Fly's Machines API ({@code https://api.machines.dev/v1}). The token is sent as the Fly
 * convention requires ({@code FlyV1} for macaroon tokens, else {@code Bearer}).
 */
public class FlyMachinesClient {

	/** The response header with the next page's cursor of a machine listing. */
	static final String NEXT_CURSOR_HEADER = "fly-next-cursor";

	private static final int PAGE_SIZE = 500;

	private final ProviderHttpClient http;

	/**
	 * Create the client.
	 * @param http the API's HTTP client
	 */
	public FlyMachinesClient(ProviderHttpClient http) {
		this.http = http;
	}

	/**
	 * {@code POST /apps/{app}/machines}. Never retried; see {@link #createOnce(Mono, Mono)}.
	 * @param app the app
	 * @param body a {@code CreateMachineRequest}
	 * @param context the call context
	 * @return the machine
	 */
	public Mono<JsonNode> create(String app, JsonNode body, ProviderContext context) {
		return this.http.post("/apps/{app}/machines", app).body(body).retrieve(context);
	}

	/**
	 * Run a create so that an ambiguous failure never leads to a second machine.
	 * @param <T> the result
	 * @param create sends the create once
	 * @param findExisting looks the machine up by its spawn token
	 * @return the created or found result
	 */
	public <T> Mono<T> createOnce(Mono<T> create, Mono<T> findExisting) {
		return this.http.createOnce(create, findExisting);
	}

	/**
	 * {@code GET /apps/{app}/machines/{id}}.
	 * @param app the app
	 * @param id the machine id
	 * @param context the call context
	 * @return the machine
	 */
	public Mono<JsonNode> machine(String app, String id, ProviderContext context) {
		return this.http.get("/apps/{app}/machines/{id}", app, id).retrieve(context);
	}

	/**
	 * {@code GET /apps/{app}/machines}, following the {@code fly-next-cursor} header page by page.
	 * @param app the app
	 * @param context the call context
	 * @return the machines (destroyed ones excluded, as Fly does by default)
	 */
	public Flux<JsonNode> machines(String app, ProviderContext context) {
		return Paging
			.follow(this.http.provider(), page(app, null, context),
					(page) -> page.headers().getFirst(NEXT_CURSOR_HEADER), (cursor) -> page(app, cursor, context),
					Paging.MAX_PAGES)
			.flatMapIterable(ProviderResponse::body);
	}

	/**
	 * {@code POST /apps/{app}/machines/{id}/start} or {@code /stop}; repeating either is harmless, so they are
	 * retried.
	 * @param app the app
	 * @param id the machine id
	 * @param action {@code start} or {@code stop}
	 * @param context the call context
	 * @return completion
	 */
	public Mono<Void> action(String app, String id, String action, ProviderContext context) {
		return this.http.post("/apps/{app}/machines/{id}/{action}", app, id, action)
			.idempotent(true)
			.retrieve(context)
			.then();
	}

	/**
	 * {@code DELETE /apps/{app}/machines/{id}?force=true}: destroy the machine, stopping it first if it runs.
	 * @param app the app
	 * @param id the machine id
	 * @param context the call context
	 * @return completion
	 */
	public Mono<Void> destroy(String app, String id, ProviderContext context) {
		return this.http.delete("/apps/{app}/machines/{id}", app, id).query("force", true).retrieve(context).then();
	}

	/**
	 * {@code GET /apps/{app}/machines/{id}/wait}: block server-side until the machine reaches a state. Fly answers
	 * 408 (a {@code TIMEOUT} error) when the state was not reached in time; the request is not retried here, since
	 * callers wait in a loop of their own.
	 * @param app the app
	 * @param id the machine id
	 * @param state e.g. {@code started} or {@code destroyed}
	 * @param timeoutSeconds 1 to 60
	 * @param context the call context
	 * @return completion once the state is reached
	 */
	public Mono<Void> waitFor(String app, String id, String state, int timeoutSeconds, ProviderContext context) {
		return this.http.get("/apps/{app}/machines/{id}/wait", app, id)
			.query("state", state)
			.query("timeout", timeoutSeconds)
			.idempotent(false)
			.retrieve(context)
			.then();
	}

	private Mono<ProviderResponse> page(String app, @Nullable String cursor, ProviderContext context) {
		return this.http.get("/apps/{app}/machines", app)
			.query("limit", PAGE_SIZE)
			.query("cursor", cursor)
			.exchange(context);
	}

	/**
	 * Whether a credential is configured.
	 * @return see {@link ProviderHttpClient#hasCredentials()}
	 */
	public Mono<Boolean> hasCredentials() {
		return this.http.hasCredentials();
	}

}
