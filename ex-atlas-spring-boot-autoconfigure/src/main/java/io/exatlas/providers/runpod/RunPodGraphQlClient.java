package io.exatlas.providers.runpod;

import java.math.BigDecimal;
import java.util.Map;

import io.exatlas.ErrorKind;
import io.exatlas.ErrorReason;
import io.exatlas.ExAtlasException;
import io.exatlas.compute.ProviderContext;
import io.exatlas.internal.WireJson;
import io.exatlas.providers.http.ProviderHttpClient;
import io.exatlas.providers.runpod.internal.RunPodErrors;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A thin client for RunPod's GraphQL API, used only for what the REST API lacks: GPU pricing and spot
 * (interruptible) pods. The key goes in the {@code Authorization} header, never in the URL. GraphQL errors, which
 * RunPod answers with HTTP 200, become {@link ExAtlasException}s.
 */
public class RunPodGraphQlClient {

	static final String GPU_TYPES_QUERY = """
			query ExAtlasGpuTypes {
			  gpuTypes {
			    id
			    displayName
			    memoryInGb
			    secureCloud
			    communityCloud
			    securePrice
			    communityPrice
			    secureSpotPrice
			    communitySpotPrice
			    lowestPrice(input: {gpuCount: 1}) {
			      minimumBidPrice
			      uninterruptablePrice
			      stockStatus
			    }
			  }
			}""";

	static final String RENT_INTERRUPTABLE_MUTATION = """
			mutation ExAtlasSpotPod($input: PodRentInterruptableInput!) {
			  podRentInterruptable(input: $input) {
			    id
			    name
			    desiredStatus
			    imageName
			    costPerHr
			    env
			    machine {
			      podHostId
			    }
			  }
			}""";

	private final ProviderHttpClient http;

	/**
	 * Create the client.
	 * @param http the GraphQL endpoint's HTTP client
	 */
	public RunPodGraphQlClient(ProviderHttpClient http) {
		this.http = http;
	}

	/**
	 * Run a read-only query (retried on transient failures).
	 * @param document the GraphQL document
	 * @param variables its variables
	 * @param context the call context
	 * @return the {@code data} object
	 */
	public Mono<JsonNode> query(String document, Map<String, ?> variables, ProviderContext context) {
		return execute(document, variables, true, context);
	}

	/**
	 * Run a mutation (never retried).
	 * @param document the GraphQL document
	 * @param variables its variables
	 * @param context the call context
	 * @return the {@code data} object
	 */
	public Mono<JsonNode> mutate(String document, Map<String, ?> variables, ProviderContext context) {
		return execute(document, variables, false, context);
	}

	/**
	 * Every GPU type with its prices and stock.
	 * @param context the call context
	 * @return the {@code gpuTypes} entries
	 */
	public Flux<JsonNode> gpuTypes(ProviderContext context) {
		return query(GPU_TYPES_QUERY, Map.of(), context).flatMapIterable((data) -> data.path("gpuTypes"));
	}

	/**
	 * The lowest current spot bid for a GPU type and count.
	 * @param gpuTypeId RunPod's GPU type id
	 * @param gpuCount the number of GPUs
	 * @param context the call context
	 * @return the bid per GPU-hour, or empty when RunPod has none
	 */
	public Mono<BigDecimal> minimumBid(String gpuTypeId, int gpuCount, ProviderContext context) {
		String document = "query ExAtlasSpotBid { gpuTypes(input: {id: " + WireJson.mapper().writeValueAsString(gpuTypeId)
				+ "}) { id lowestPrice(input: {gpuCount: " + gpuCount + "}) { minimumBidPrice } } }";
		return query(document, Map.of(), context).mapNotNull((data) -> {
			BigDecimal bid = WireJson.decimal(data.path("gpuTypes").path(0), "lowestPrice", "minimumBidPrice");
			return (bid != null && bid.signum() > 0) ? bid : null;
		});
	}

	/**
	 * Create a spot pod ({@code podRentInterruptable}).
	 * @param input the mutation input
	 * @param context the call context
	 * @return the created pod (v1 shape: {@code id}, {@code desiredStatus}, {@code imageName}, …)
	 */
	public Mono<JsonNode> rentInterruptablePod(ObjectNode input, ProviderContext context) {
		return mutate(RENT_INTERRUPTABLE_MUTATION, Map.of("input", input), context)
			.map((data) -> data.path("podRentInterruptable"));
	}

	private Mono<JsonNode> execute(String document, Map<String, ?> variables, boolean readOnly,
			ProviderContext context) {
		ObjectNode body = WireJson.object();
		body.put("query", document);
		body.set("variables", WireJson.toTree(variables));
		return this.http.post("").body(body).idempotent(readOnly).retrieve(context).map(this::data);
	}

	private JsonNode data(JsonNode response) {
		JsonNode errors = response.path("errors");
		if (errors.isArray() && !errors.isEmpty()) {
			JsonNode first = errors.path(0);
			String message = WireJson.text(first, "message");
			String code = WireJson.text(first, "extensions", "code");
			boolean unauthenticated = "UNAUTHENTICATED".equals(code);
			throw ExAtlasException.builder(unauthenticated ? ErrorKind.UNAUTHORIZED : ErrorKind.PROVIDER)
				.provider(this.http.provider())
				.status(200)
				.code(code)
				.reason(RunPodErrors.isCapacityMessage(message) ? ErrorReason.INSUFFICIENT_CAPACITY : null)
				.message((message != null) ? message : errors.toString())
				.build();
		}
		JsonNode data = response.path("data");
		if (!data.isObject()) {
			throw ExAtlasException.builder(ErrorKind.PROVIDER)
				.provider(this.http.provider())
				.status(200)
				.message("GraphQL response without data")
				.build();
		}
		return data;
	}

}
