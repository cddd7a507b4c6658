package com.example.tinycloud;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.exatlas.ErrorKind;
import io.exatlas.ExAtlasException;
import io.exatlas.compute.Capability;
import io.exatlas.compute.Compute;
import io.exatlas.compute.ComputeFilter;
import io.exatlas.compute.ComputeOperation;
import io.exatlas.compute.ComputeRequest;
import io.exatlas.compute.ComputeStatus;
import io.exatlas.compute.ProviderContext;
import io.exatlas.providers.AbstractComputeProvider;
import io.exatlas.providers.http.ProviderHttpClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * A provider of a user's own ("tinycloud"), built only on the starter's public API: the provider SPI and the shared
 * HTTP plumbing (retries, request events, create-once). Its wire API is four calls:
 * {@code POST /machines}, {@code GET /machines}, {@code GET /machines/{id}} and {@code DELETE /machines/{id}}.
 */
public class TinyCloudProvider extends AbstractComputeProvider {

	/** The provider id. */
	public static final String ID = "tinycloud";

	private final ProviderHttpClient http;

	/**
	 * Create the provider.
	 * @param http the client of the cloud's API
	 */
	public TinyCloudProvider(ProviderHttpClient http) {
		super(ID, EnumSet.noneOf(Capability.class), EnumSet.of(ComputeOperation.SPAWN, ComputeOperation.GET,
				ComputeOperation.LIST, ComputeOperation.TERMINATE));
		this.http = http;
	}

	@Override
	public Mono<Compute> spawn(ComputeRequest request, ProviderContext context) {
		String token = UUID.randomUUID().toString();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("name", request.name());
		body.put("image", request.image());
		body.put("spawnToken", token);
		Mono<Compute> create = this.http.post("/machines").body(body).retrieve(context).map(this::toCompute);
		Mono<Compute> findExisting = this.http.get("/machines")
			.retrieve(context)
			.flatMapIterable((list) -> list)
			.filter((machine) -> token.equals(machine.path("spawnToken").asString(null)))
			.next()
			.map(this::toCompute);
		return this.http.createOnce(create, findExisting);
	}

	@Override
	public Mono<Compute> get(String id, ProviderContext context) {
		return this.http.get("/machines/{id}", id).retrieve(context).map(this::toCompute);
	}

	@Override
	public Flux<Compute> list(ComputeFilter filter, ProviderContext context) {
		return this.http.get("/machines")
			.retrieve(context)
			.flatMapIterable((list) -> list)
			.map(this::toCompute)
			.filter(filter::matches);
	}

	@Override
	public Mono<Void> terminate(String id, ProviderContext context) {
		return this.http.delete("/machines/{id}", id).idempotent(true).retrieve(context).then();
	}

	private Compute toCompute(JsonNode machine) {
		String id = machine.path("id").asString(null);
		if (id == null || id.isBlank()) {
			throw ExAtlasException.builder(ErrorKind.PROVIDER)
				.provider(ID)
				.message("tinycloud answered a machine without an id")
				.build();
		}
		ComputeStatus status = switch (machine.path("state").asString("")) {
			case "running" -> ComputeStatus.RUNNING;
			case "gone" -> ComputeStatus.TERMINATED;
			default -> ComputeStatus.PROVISIONING;
		};
		return Compute.builder(id, ID)
			.status(status)
			.name(machine.path("name").asString(null))
			.image(machine.path("image").asString(null))
			.build();
	}

}
