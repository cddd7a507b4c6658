package io.exatlas.orchestrator;

import io.exatlas.compute.ComputeRequest;
import reactor.core.publisher.Mono;

/**
 * The reactive view of {@link ComputeOrchestrator}'s remote operations.
 */
public interface ReactiveComputeOrchestrator {

	/**
	 * Spawn a resource and track it.
	 * @param request what to spawn
	 * @param options how to track it
	 * @return the session
	 * @see ComputeOrchestrator#spawn(ComputeRequest, SessionOptions)
	 */
	Mono<TrackedSession> spawn(ComputeRequest request, SessionOptions options);

	/**
	 * Terminate a session upstream and stop tracking it.
	 * @param id the session id
	 * @return completion once the provider confirmed
	 * @see ComputeOrchestrator#stopTracked(String)
	 */
	Mono<Void> stopTracked(String id);

}
