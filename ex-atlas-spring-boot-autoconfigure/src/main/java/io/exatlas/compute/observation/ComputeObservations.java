package io.exatlas.compute.observation;

import io.exatlas.ErrorKind;
import io.exatlas.ExAtlasException;
import io.exatlas.compute.ComputeOperation;
import io.exatlas.compute.ComputeOperationEvent.Outcome;
import io.exatlas.internal.EndsOnce;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Wraps compute operations in {@link ComputeObservationDocumentation#COMPUTE_OPERATION} observations, children of
 * the observation in the Reactor context if there is one. The observation is put in the Reactor context, so the
 * WebClient requests the operation makes become its children.
 * With a no-op registry (no Micrometer Observation set up) the calls are returned untouched.
 */
public final class ComputeObservations {

	/** Observes nothing. */
	public static final ComputeObservations NOOP = new ComputeObservations(ObservationRegistry.NOOP, null);

	private static final ComputeOperationObservationConvention DEFAULT_CONVENTION = new DefaultComputeOperationObservationConvention();

	private final ObservationRegistry registry;

	private final @Nullable ComputeOperationObservationConvention convention;

	/**
	 * Create the observations.
	 * @param registry the registry
	 * @param convention a custom convention, or {@code null} for the default
	 */
	public ComputeObservations(ObservationRegistry registry, @Nullable ComputeOperationObservationConvention convention) {
		this.registry = registry;
		this.convention = convention;
	}

	/**
	 * Observe a single-valued operation.
	 * @param <T> the result
	 * @param provider the provider id
	 * @param operation the operation
	 * @param call the operation, not yet subscribed
	 * @return the observed operation
	 */
	public <T> Mono<T> observe(String provider, ComputeOperation operation, Mono<T> call) {
		if (this.registry.isNoop()) {
			return call;
		}
		return Mono.deferContextual((view) -> {
			ComputeOperationContext context = new ComputeOperationContext(provider, operation);
			Observation observation = start(context, view.getOrDefault(ObservationThreadLocalAccessor.KEY, null));
			return EndsOnce.mono(call, (value) -> end(observation, context, null), (ex) -> end(observation, context, ex),
					() -> cancelled(observation, context))
				.contextWrite((reactor) -> reactor.put(ObservationThreadLocalAccessor.KEY, observation));
		});
	}

	/**
	 * Observe a multi-valued operation (a listing).
	 * @param <T> the elements
	 * @param provider the provider id
	 * @param operation the operation
	 * @param call the operation, not yet subscribed
	 * @return the observed operation
	 */
	public <T> Flux<T> observe(String provider, ComputeOperation operation, Flux<T> call) {
		if (this.registry.isNoop()) {
			return call;
		}
		return Flux.deferContextual((view) -> {
			ComputeOperationContext context = new ComputeOperationContext(provider, operation);
			Observation observation = start(context, view.getOrDefault(ObservationThreadLocalAccessor.KEY, null));
			return EndsOnce.flux(call, () -> end(observation, context, null), (ex) -> end(observation, context, ex),
					() -> cancelled(observation, context))
				.contextWrite((reactor) -> reactor.put(ObservationThreadLocalAccessor.KEY, observation));
		});
	}

	private Observation start(ComputeOperationContext context, @Nullable Observation parent) {
		// The parent from the Reactor context (a placement attempt, an application's own observation), so the
		// operation is its child without thread-local context propagation.
		return ComputeObservationDocumentation.COMPUTE_OPERATION
			.observation(this.convention, DEFAULT_CONVENTION, () -> context, this.registry)
			.parentObservation(parent)
			.start();
	}

	private static void cancelled(Observation observation, ComputeOperationContext context) {
		context.ended(Outcome.CANCELLED, ErrorKind.CANCELLED);
		observation.stop();
	}

	private static void end(Observation observation, ComputeOperationContext context, @Nullable Throwable failure) {
		if (failure == null) {
			context.ended(Outcome.SUCCESS, null);
		}
		else {
			context.ended(Outcome.ERROR, (failure instanceof ExAtlasException atlas) ? atlas.kind() : ErrorKind.UNKNOWN);
			observation.error(failure);
		}
		observation.stop();
	}

}
