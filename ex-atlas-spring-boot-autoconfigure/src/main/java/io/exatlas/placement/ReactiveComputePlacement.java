package io.exatlas.placement;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

import io.exatlas.ErrorKind;
import io.exatlas.ExAtlasException;
import io.exatlas.admission.AdmissionControl;
import io.exatlas.admission.AdmissionRequest;
import io.exatlas.compute.CallOptions;
import io.exatlas.compute.Compute;
import io.exatlas.compute.ComputeProvider;
import io.exatlas.compute.ComputeProviders;
import io.exatlas.compute.ComputeRequest;
import io.exatlas.compute.Offer;
import io.exatlas.compute.ReactiveExAtlas;
import io.exatlas.compute.facade.DefaultReactiveExAtlas;
import io.exatlas.compute.facade.IdempotentSpawns;
import io.exatlas.compute.facade.LocalIdempotentSpawns;
import io.exatlas.event.ExAtlasEventPublisher;
import io.exatlas.internal.EndsOnce;
import io.exatlas.placement.PlacementAttempt.Outcome;
import io.exatlas.placement.PlacementObservationDocumentation.Keys;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Placement, reactive: {@link #offers} ranks the offers of every allowed provider for a request (a dry run), and
 * {@link #place} walks that plan through the {@link ReactiveExAtlas} facade (names, credentials, events and
 * observations as any spawn). A capacity error (or an offer taken) puts the offer's (provider, region, GPU) on the
 * skip list and moves to the next offer; a quota error moves past the provider's offers; any other error stops
 * placement, so a create whose outcome is unknown (the provider already looked it up by its spawn token) is never
 * followed by a second one. With {@link PlacementPolicy#retryUntilUp()}, a pass that found no capacity is followed,
 * after {@link PlacementPolicy#retryInterval()}, by another with fresh offers until the deadline.
 */
public final class ReactiveComputePlacement {

	private final ReactiveExAtlas exatlas;

	private final ComputeProviders providers;

	private final OfferCache cache;

	private final PlacementPlanner planner;

	private final ExAtlasEventPublisher events;

	private final Clock clock;

	private final Scheduler timer;

	private final ObservationRegistry observations;

	private final IdempotentSpawns idempotent;

	private final AdmissionControl admission;

	/** The key space of placements in the {@link IdempotentSpawns} (provider ids never contain parentheses). */
	static final String IDEMPOTENCY_SPACE = "(placement)";

	/**
	 * Create the placement service, unobserved.
	 * @param exatlas the facade that spawns
	 * @param providers the registered providers
	 * @param cache the offer cache
	 * @param order the order of a plan's offers
	 * @param events where plan and attempt events go
	 * @param clock stamps events and measures "retry until up"
	 * @param timer runs the pause between passes of "retry until up"
	 */
	public ReactiveComputePlacement(ReactiveExAtlas exatlas, ComputeProviders providers, OfferCache cache,
			OfferOrder order, ExAtlasEventPublisher events, Clock clock, Scheduler timer) {
		this(exatlas, providers, cache, order, events, clock, timer, ObservationRegistry.NOOP,
				new LocalIdempotentSpawns(DefaultReactiveExAtlas.DEFAULT_IDEMPOTENCY_WINDOW, clock),
				AdmissionControl.NONE);
	}

	/**
	 * Create the placement service.
	 * @param exatlas the facade that spawns
	 * @param providers the registered providers
	 * @param cache the offer cache
	 * @param order the order of a plan's offers
	 * @param events where plan and attempt events go
	 * @param clock stamps events and measures "retry until up"
	 * @param timer runs the pause between passes of "retry until up"
	 * @param observations observes placements and their attempts ({@link PlacementObservationDocumentation})
	 * @param idempotent keeps the outcomes of placements with an idempotency key
	 * @param admission the spawn policies asked before every attempt (a refused offer is passed over)
	 */
	public ReactiveComputePlacement(ReactiveExAtlas exatlas, ComputeProviders providers, OfferCache cache,
			OfferOrder order, ExAtlasEventPublisher events, Clock clock, Scheduler timer,
			ObservationRegistry observations, IdempotentSpawns idempotent, AdmissionControl admission) {
		this.admission = Objects.requireNonNull(admission, "admission");
		this.observations = Objects.requireNonNull(observations, "observations");
		this.idempotent = Objects.requireNonNull(idempotent, "idempotent");
		this.exatlas = Objects.requireNonNull(exatlas, "exatlas");
		this.providers = Objects.requireNonNull(providers, "providers");
		this.cache = Objects.requireNonNull(cache, "cache");
		this.planner = new PlacementPlanner(order);
		this.events = Objects.requireNonNull(events, "events");
		this.clock = Objects.requireNonNull(clock, "clock");
		this.timer = Objects.requireNonNull(timer, "timer");
	}

	/**
	 * The ranked plan for a request (nothing is spawned).
	 * @param request the request (its GPU is required)
	 * @param policy the constraints and limits
	 * @return the plan; a {@code VALIDATION} error for a request without a GPU or an unknown provider in the policy
	 */
	public Mono<PlacementPlan> offers(ComputeRequest request, PlacementPolicy policy) {
		return plan(request, policy, this.cache::isSkipped);
	}

	/**
	 * Place the request on the best offer that has capacity.
	 * @param request the request (its GPU is required; its tier, spot flag and regions are set per offer)
	 * @param policy the constraints and limits
	 * @return the placement; a {@link PlacementException} when no offer could be used, or when an attempt failed
	 * in a way that stops placement (with that attempt's kind and reason)
	 */
	public Mono<Placement> place(ComputeRequest request, PlacementPolicy policy) {
		Objects.requireNonNull(request, "request");
		Objects.requireNonNull(policy, "policy");
		return Mono.deferContextual((reactor) -> {
			Instant deadline = (policy.retryUntilUp() != null) ? this.clock.instant().plus(policy.retryUntilUp())
					: null;
			List<PlacementAttempt> attempts = new CopyOnWriteArrayList<>();
			Observation observation = PlacementObservationDocumentation.PLACEMENT.observation(this.observations)
				.lowCardinalityKeyValue(Keys.GPU.withValue(String.valueOf(request.gpu())))
				.parentObservation(reactor.getOrDefault(ObservationThreadLocalAccessor.KEY, null))
				.start();
			return EndsOnce
				.mono(pass(request, policy, attempts, deadline, true),
						(placed) -> stop(observation, "placed", null,
								(placed != null) ? placed.compute().provider() : "none", attempts),
						(ex) -> stop(observation, "failed", ex, "none", attempts),
						() -> stop(observation, "cancelled", null, "none", attempts))
				.contextWrite((context) -> context.put(ObservationThreadLocalAccessor.KEY, observation));
		});
	}

	private static void stop(Observation observation, String outcome, @Nullable Throwable failure, String provider,
			List<PlacementAttempt> attempts) {
		observation.lowCardinalityKeyValue(Keys.OUTCOME.withValue(outcome))
			.lowCardinalityKeyValue(Keys.PROVIDER.withValue(provider))
			.lowCardinalityKeyValue(Keys.ERROR_KIND.withValue((failure != null) ? kindOf(failure).tagValue()
					: "cancelled".equals(outcome) ? ErrorKind.CANCELLED.tagValue() : "none"))
			.highCardinalityKeyValue(Keys.ATTEMPTS.withValue(Integer.toString(attempts.size())));
		if (failure != null) {
			observation.error(failure);
		}
		observation.stop();
	}

	/**
	 * Place the request once per idempotency key within the idempotency window: a retry with the key (from the same
	 * client after a timeout, on this or, with the Redis registry, another instance) gets the first placement's
	 * resource or failure and places nothing. The attempts are on the first call's events and observation.
	 * @param request the request
	 * @param policy the constraints and limits
	 * @param idempotencyKey the caller's key (1 to 256 characters)
	 * @return the placed resource
	 */
	public Mono<Compute> placeOnce(ComputeRequest request, PlacementPolicy policy, String idempotencyKey) {
		String key = CallOptions.idempotencyKey(idempotencyKey).idempotencyKey();
		return this.idempotent.once(IDEMPOTENCY_SPACE, key, place(request, policy).map(Placement::compute));
	}

	/**
	 * The offer cache (for its status and skip list).
	 * @return the cache
	 */
	public OfferCache cache() {
		return this.cache;
	}

	private Mono<PlacementPlan> plan(ComputeRequest request, PlacementPolicy policy, Predicate<Offer> skipped) {
		Objects.requireNonNull(request, "request");
		Objects.requireNonNull(policy, "policy");
		return Mono.defer(() -> {
			long start = System.nanoTime();
			if (request.gpu() == null || request.gpu().isBlank()) {
				return Mono.error(ExAtlasException
					.validation("placement needs a GPU in the request: offers are listed per GPU"));
			}
			return Flux.fromIterable(asked(policy))
				.flatMap(this::read)
				.collectList()
				.map((reads) -> {
					Map<String, ProviderRead> byProvider = new TreeMap<>();
					reads.forEach((read) -> byProvider.put(read.source().provider(), read));
					List<Offer> offers = new ArrayList<>();
					List<OfferSource> sources = new ArrayList<>();
					byProvider.values().forEach((read) -> {
						offers.addAll(read.offers());
						sources.add(read.source());
					});
					PlacementPlan plan = this.planner.plan(request, policy, offers, sources, skipped);
					this.events.publish(new PlacementPlanEvent(this, this.clock, plan,
							Duration.ofNanos(System.nanoTime() - start)));
					return plan;
				});
		});
	}

	private Collection<ComputeProvider> asked(PlacementPolicy policy) {
		if (policy.providers().isEmpty()) {
			return this.providers.all();
		}
		return policy.providers().stream().map(this.providers::resolve).toList();
	}

	private Mono<ProviderRead> read(ComputeProvider provider) {
		return provider.configured()
			.onErrorReturn(false)
			.flatMap((configured) -> configured ? this.cache.snapshot(provider).map((snapshot) -> {
				OfferSource source = new OfferSource(provider.id(), snapshot.fetchedAt(),
						snapshot.age(this.clock.instant()), snapshot.refreshError());
				return new ProviderRead(source, snapshot.offers());
			}) : Mono.just(new ProviderRead(new OfferSource(provider.id(), null, null, ErrorKind.UNAUTHORIZED),
					List.of())))
			.onErrorResume((ex) -> Mono
				.just(new ProviderRead(new OfferSource(provider.id(), null, null, kindOf(ex)), List.of())));
	}

	private Mono<Placement> pass(ComputeRequest request, PlacementPolicy policy, List<PlacementAttempt> attempts,
			@Nullable Instant deadline, boolean first) {
		// A later pass of "retry until up" tries again what this placement's own earlier pass put on the skip list.
		Predicate<Offer> skipped = first ? this.cache::isSkipped : (offer) -> false;
		return plan(request, policy, skipped)
			.flatMap((plan) -> walk(plan, 0, 0, attempts, new HashSet<>()))
			.onErrorResume(PlacementFailures.NoCapacity.class, (noCapacity) -> {
				Instant next = this.clock.instant().plus(policy.retryInterval());
				if (deadline != null && next.isBefore(deadline)) {
					return Mono.delay(policy.retryInterval(), this.timer).then(Mono.defer(() -> {
						asked(policy).forEach((provider) -> this.cache.invalidate(provider.id()));
						return pass(request, policy, attempts, deadline, false);
					}));
				}
				return Mono.error(noCapacity.toException(attempts, deadline != null));
			});
	}

	private Mono<Placement> walk(PlacementPlan plan, int index, int tried, List<PlacementAttempt> attempts,
			Set<String> quotaExhausted) {
		int next = index;
		while (next < plan.candidates().size() && quotaExhausted.contains(plan.candidates().get(next).offer().provider())) {
			next++;
		}
		if (next >= plan.candidates().size() || tried >= plan.policy().maxAttempts()) {
			return Mono.error(new PlacementFailures.NoCapacity(plan, tried));
		}
		PlannedOffer planned = plan.candidates().get(next);
		Offer offer = planned.offer();
		int following = next + 1;
		return Mono.deferContextual((reactor) -> {
			long start = System.nanoTime();
			Observation observation = PlacementObservationDocumentation.PLACEMENT_ATTEMPT.observation(this.observations)
				.lowCardinalityKeyValue(Keys.PROVIDER.withValue(offer.provider()))
				.highCardinalityKeyValue(Keys.REGION.withValue(String.valueOf(offer.region())))
				.highCardinalityKeyValue(Keys.ATTEMPT.withValue(Integer.toString(attempts.size() + 1)))
				.parentObservation(reactor.getOrDefault(ObservationThreadLocalAccessor.KEY, null))
				.start();
			// One record per attempt: a subscriber that takes the placement and then cancels must not add a second.
			AtomicBoolean recorded = new AtomicBoolean();
			ComputeRequest attempted = requestFor(plan.request(), offer);
			return this.admission.check(new AdmissionRequest(attempted, null, offer.provider(), offer))
				.then(Mono.defer(() -> this.exatlas.using(CallOptions.provider(offer.provider())).spawn(attempted)))
				.contextWrite((context) -> context.put(ObservationThreadLocalAccessor.KEY, observation))
				.map((compute) -> {
					record(recorded, attempts, planned, Outcome.PLACED, null, start, observation);
					return new Placement(compute, attempts, plan);
				})
				.doOnCancel(() -> record(recorded, attempts, planned, Outcome.FAILED,
						ExAtlasException.builder(ErrorKind.CANCELLED).build(), start, observation))
				.onErrorResume((ex) -> !(ex instanceof PlacementFailures.NoCapacity), (ex) -> {
					ExAtlasException failure = (ex instanceof ExAtlasException atlas) ? atlas
							: ExAtlasException.builder(ErrorKind.UNKNOWN)
								.provider(offer.provider())
								.message("the create failed with " + ex.getClass().getName())
								.cause(ex)
								.build();
					Outcome outcome = PlacementFailures.outcomeOf(failure);
					record(recorded, attempts, planned, outcome, failure, start, observation);
					return switch (outcome) {
						case NO_CAPACITY -> {
							this.cache.skip(offer);
							yield walk(plan, following, tried + 1, attempts, quotaExhausted);
						}
						case QUOTA_EXCEEDED -> {
							quotaExhausted.add(offer.provider());
							yield walk(plan, following, tried + 1, attempts, quotaExhausted);
						}
						case REJECTED -> walk(plan, following, tried + 1, attempts, quotaExhausted);
						default -> Mono.error(PlacementFailures.stopped(failure, attempts));
					};
				});
		});
	}

	private void record(AtomicBoolean recorded, List<PlacementAttempt> attempts, PlannedOffer planned,
			Outcome outcome, @Nullable ExAtlasException failure, long startNanos, Observation observation) {
		if (!recorded.compareAndSet(false, true)) {
			return;
		}
		PlacementAttempt attempt = new PlacementAttempt(attempts.size() + 1, planned.offer(), outcome,
				(failure != null) ? failure.kind() : null, (failure != null) ? failure.reason().orElse(null) : null,
				Duration.ofNanos(System.nanoTime() - startNanos));
		attempts.add(attempt);
		observation.lowCardinalityKeyValue(Keys.OUTCOME.withValue(outcome.tagValue()))
			.lowCardinalityKeyValue(Keys.ERROR_KIND.withValue((failure != null) ? failure.kind().tagValue() : "none"));
		if (failure != null && outcome == Outcome.FAILED) {
			observation.error(failure);
		}
		observation.stop();
		this.events.publish(new PlacementAttemptEvent(this, this.clock, attempt, planned.pricePerHour()));
	}

	static ComputeRequest requestFor(ComputeRequest request, Offer offer) {
		ComputeRequest.Builder builder = request.toBuilder()
			.gpu((offer.gpu() != null) ? offer.gpu() : offer.nativeGpuId())
			.cloudType(offer.cloudType())
			.spot(offer.spot())
			.clearRegionHints();
		if (offer.region() != null) {
			builder.regionHints(offer.region());
		}
		return builder.build();
	}

	private static ErrorKind kindOf(Throwable ex) {
		return (ex instanceof ExAtlasException atlas) ? atlas.kind() : ErrorKind.UNKNOWN;
	}

	@Override
	public String toString() {
		return "ReactiveComputePlacement[providers=" + this.providers.ids() + "]";
	}

	private record ProviderRead(OfferSource source, List<Offer> offers) {
	}

}
