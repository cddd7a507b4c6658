package io.exatlas.orchestrator;

import io.exatlas.compute.CallOptions;
import io.exatlas.compute.Compute;
import io.exatlas.compute.ComputeRequest;
import io.exatlas.compute.ProviderDescriptor;
import io.exatlas.compute.ReactiveExAtlas;
import io.exatlas.placement.PlacementPolicy;
import io.exatlas.placement.ReactiveComputePlacement;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Creates a session's resource: on the provider the options name (or the default one), or, when the options carry a
 * placement policy, or name no provider while no default provider is configured, on the best offer of any allowed
 * provider. A placed resource's later calls (terminate, stop) go to the provider it was placed on.
 */
final class SessionSpawner {

	private final ReactiveExAtlas exatlas;

	private final @Nullable ReactiveComputePlacement placement;

	SessionSpawner(ReactiveExAtlas exatlas, @Nullable ReactiveComputePlacement placement) {
		this.exatlas = exatlas;
		this.placement = placement;
	}

	/**
	 * Spawn or place.
	 * @param request the named request
	 * @param options the session's options
	 * @return the resource and the call options its session keeps
	 */
	Mono<Spawned> spawn(ComputeRequest request, SessionOptions options) {
		CallOptions call = options.callOptions();
		PlacementPolicy policy = policy(options);
		if (policy == null || this.placement == null) {
			return this.exatlas.using(call).spawn(request).map((compute) -> new Spawned(compute, call));
		}
		Mono<Compute> placed = (call.idempotencyKey() != null)
				? this.placement.placeOnce(request, policy, call.idempotencyKey())
				: this.placement.place(request, policy).map((placement) -> placement.compute());
		// The session's later calls go to the provider it was placed on, with the configured credential.
		return placed.map((compute) -> new Spawned(compute,
				new CallOptions(compute.provider(), null, call.idempotencyKey())));
	}

	private @Nullable PlacementPolicy policy(SessionOptions options) {
		if (options.placement() != null) {
			return options.placement();
		}
		boolean named = options.callOptions().provider() != null;
		boolean defaulted = this.exatlas.providers().stream().anyMatch(ProviderDescriptor::isDefault);
		return (!named && !defaulted) ? PlacementPolicy.defaults() : null;
	}

	/**
	 * A created resource and the call options its session keeps.
	 *
	 * @param compute the resource
	 * @param callOptions the options for its later calls
	 */
	record Spawned(Compute compute, CallOptions callOptions) {
	}

}
