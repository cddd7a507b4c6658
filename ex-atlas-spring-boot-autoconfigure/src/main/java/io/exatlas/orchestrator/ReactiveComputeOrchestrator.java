package io.exatlas.orchestrator;

import io.exatlas.compute.ComputeRequest;
import reactor.core.publisher.Mono;

/**
 * The reactive view of {@link ComputeOrchestrator}'s remote operations. None blocks the subscribing thread: calls to a
 * shared session registry (Redis) run on Reactor's bounded-elastic scheduler.
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

	/**
	 * Look a session's resource up at its provider and apply the price it reports (spend accounting).
	 * @param id the session id
	 * @return the session as tracked after the lookup; {@code NOT_FOUND} when it is not tracked
	 * @see ComputeOrchestrator#refresh(String)
	 */
	Mono<TrackedSession> refresh(String id);

	/**
	 * Stop a session's resource without terminating it.
	 * @param id the session id
	 * @return completes once the provider stopped it
	 * @see ComputeOrchestrator#pause(String)
	 */
	Mono<Void> pause(String id);

	/**
	 * Start a paused session's resource again.
	 * @param id the session id
	 * @return completes once the provider started it
	 * @see ComputeOrchestrator#resume(String)
	 */
	Mono<Void> resume(String id);

	/**
	 * Record activity on a session, pushing back its idle deadline. A shared registry's network call runs off the
	 * subscriber's thread, so this is safe on an event loop.
	 * @param id the session id
	 * @return whether the session is tracked
	 * @see ComputeOrchestrator#touch(String)
	 */
	Mono<Boolean> touch(String id);

}
