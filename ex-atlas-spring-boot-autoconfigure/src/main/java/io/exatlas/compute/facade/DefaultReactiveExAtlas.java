package io.exatlas.compute.facade;

import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import io.exatlas.ErrorKind;
import io.exatlas.ExAtlasException;
import io.exatlas.Secret;
import io.exatlas.auth.PresharedTokens;
import io.exatlas.compute.AuthHandle;
import io.exatlas.compute.AuthMode;
import io.exatlas.compute.CallOptions;
import io.exatlas.compute.Compute;
import io.exatlas.compute.ComputeFilter;
import io.exatlas.compute.ComputeNames;
import io.exatlas.compute.ComputeOperation;
import io.exatlas.compute.ComputeOperationEvent.Outcome;
import io.exatlas.compute.ComputeOperationEvent;
import io.exatlas.compute.ComputeProvider;
import io.exatlas.compute.ComputeProviders;
import io.exatlas.compute.ComputeRequest;
import io.exatlas.compute.GpuType;
import io.exatlas.compute.Job;
import io.exatlas.compute.JobOutput;
import io.exatlas.compute.JobRef;
import io.exatlas.compute.JobRequest;
import io.exatlas.compute.ProviderContext;
import io.exatlas.compute.ProviderDescriptor;
import io.exatlas.compute.ReactiveExAtlas;
import io.exatlas.compute.observation.ComputeObservations;
import io.exatlas.event.ExAtlasEventPublisher;
import io.exatlas.internal.EndsOnce;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The default {@link ReactiveExAtlas}: resolves the provider and credential per call, prepares spawn requests (name,
 * auth credential), re-applies list filters and publishes a {@link ComputeOperationEvent} when each operation ends.
 */
public final class DefaultReactiveExAtlas implements ReactiveExAtlas {

	private final ComputeProviders providers;

	private final ExAtlasEventPublisher events;

	private final Clock clock;

	private final String namePrefix;

	private final CallOptions options;

	private final ComputeObservations observations;

	private final IdempotentSpawns idempotent;

	/** The idempotency window when none is configured ({@code exatlas.compute.idempotency-window}). */
	public static final Duration DEFAULT_IDEMPOTENCY_WINDOW = Duration.ofMinutes(10);

	/**
	 * Create the facade.
	 * @param providers the registered providers
	 * @param events where to publish operation events
	 * @param clock the clock that stamps events
	 * @param namePrefix prefix of generated resource names (the reaper's ownership marker)
	 */
	public DefaultReactiveExAtlas(ComputeProviders providers, ExAtlasEventPublisher events, Clock clock,
			String namePrefix) {
		this(providers, events, clock, namePrefix, ComputeObservations.NOOP);
	}

	/**
	 * Create the facade with observations (a span per operation, parenting its HTTP requests).
	 * @param providers the registered providers
	 * @param events where to publish operation events
	 * @param clock the clock that stamps events
	 * @param namePrefix prefix of generated resource names (the reaper's ownership marker)
	 * @param observations how operations are observed
	 */
	public DefaultReactiveExAtlas(ComputeProviders providers, ExAtlasEventPublisher events, Clock clock,
			String namePrefix, ComputeObservations observations) {
		this(providers, events, clock, namePrefix, observations, new LocalIdempotentSpawns(DEFAULT_IDEMPOTENCY_WINDOW, clock));
	}

	/**
	 * Create the facade with observations and a store of idempotent spawns.
	 * @param providers the registered providers
	 * @param events where to publish operation events
	 * @param clock the clock that stamps events
	 * @param namePrefix prefix of generated resource names (the reaper's ownership marker)
	 * @param observations how operations are observed
	 * @param idempotent the outcomes of spawns with an idempotency key
	 */
	public DefaultReactiveExAtlas(ComputeProviders providers, ExAtlasEventPublisher events, Clock clock,
			String namePrefix, ComputeObservations observations, IdempotentSpawns idempotent) {
		this(providers, events, clock, namePrefix, CallOptions.defaults(), observations, idempotent);
	}

	private DefaultReactiveExAtlas(ComputeProviders providers, ExAtlasEventPublisher events, Clock clock,
			String namePrefix, CallOptions options, ComputeObservations observations, IdempotentSpawns idempotent) {
		this.providers = providers;
		this.events = events;
		this.clock = clock;
		this.namePrefix = namePrefix;
		this.options = options;
		this.observations = observations;
		this.idempotent = idempotent;
	}

	@Override
	public ReactiveExAtlas using(CallOptions options) {
		String provider = (options.provider() != null) ? options.provider() : this.options.provider();
		Secret apiKey = (options.apiKey() != null) ? options.apiKey() : this.options.apiKey();
		String idempotencyKey = (options.idempotencyKey() != null) ? options.idempotencyKey()
				: this.options.idempotencyKey();
		return new DefaultReactiveExAtlas(this.providers, this.events, this.clock, this.namePrefix,
				new CallOptions(provider, apiKey, idempotencyKey), this.observations, this.idempotent);
	}

	@Override
	public Mono<Compute> spawn(ComputeRequest request) {
		Objects.requireNonNull(request, "request");
		String key = this.options.idempotencyKey();
		if (key == null) {
			return spawnOnce(request);
		}
		return Mono.defer(() -> this.idempotent.once(this.providers.resolve(this.options.provider()).id(), key,
				spawnOnce(request)));
	}

	private Mono<Compute> spawnOnce(ComputeRequest request) {
		return Mono.defer(() -> {
			ComputeProvider provider = this.providers.resolve(this.options.provider());
			PreparedSpawn prepared = prepare(request);
			Secret generated = (prepared.auth() != null) ? prepared.auth().token() : null;
			ProviderContext context = (generated != null) ? context().withSensitiveValue(generated) : context();
			Mono<Compute> call = requireValue(provider, ComputeOperation.SPAWN,
					provider.spawn(prepared.request(), context))
				.map((compute) -> RawPayloadRedaction.redact(compute, generated))
				.map((compute) -> (prepared.auth() != null) ? compute.withAuth(prepared.auth()) : compute);
			return observe(provider, ComputeOperation.SPAWN, null, call, Compute::id);
		});
	}

	@Override
	public Mono<Compute> get(String id) {
		return call(ComputeOperation.GET, id,
				(provider) -> provider.get(id, context()).map(RawPayloadRedaction::redact));
	}

	@Override
	public Flux<Compute> list(ComputeFilter filter) {
		Objects.requireNonNull(filter, "filter");
		return Flux.defer(() -> {
			ComputeProvider provider = this.providers.resolve(this.options.provider());
			return observeMany(provider, ComputeOperation.LIST,
					provider.list(filter, context()).filter(filter::matches).map(RawPayloadRedaction::redact));
		});
	}

	@Override
	public Mono<Void> stop(String id) {
		return callVoid(ComputeOperation.STOP, id, (provider) -> provider.stop(id, context()));
	}

	@Override
	public Mono<Void> start(String id) {
		return callVoid(ComputeOperation.START, id, (provider) -> provider.start(id, context()));
	}

	@Override
	public Mono<Void> terminate(String id) {
		return callVoid(ComputeOperation.TERMINATE, id, (provider) -> provider.terminate(id, context()));
	}

	@Override
	public Mono<Job> runJob(JobRequest request) {
		Objects.requireNonNull(request, "request");
		return Mono.defer(() -> {
			ComputeProvider provider = this.providers.resolve(this.options.provider());
			return observe(provider, ComputeOperation.RUN_JOB, null,
					requireValue(provider, ComputeOperation.RUN_JOB, provider.runJob(request, context())), Job::id);
		});
	}

	@Override
	public Mono<Job> getJob(JobRef job) {
		return call(ComputeOperation.GET_JOB, job.id(), (provider) -> provider.getJob(job, context()));
	}

	@Override
	public Mono<Void> cancelJob(JobRef job) {
		return callVoid(ComputeOperation.CANCEL_JOB, job.id(), (provider) -> provider.cancelJob(job, context()));
	}

	@Override
	public Flux<JobOutput> streamJob(JobRef job) {
		Objects.requireNonNull(job, "job");
		return Flux.defer(() -> {
			ComputeProvider provider = this.providers.resolve(this.options.provider());
			return observeMany(provider, ComputeOperation.STREAM_JOB, provider.streamJob(job, context()));
		});
	}

	@Override
	public Flux<GpuType> listGpuTypes() {
		return Flux.defer(() -> {
			ComputeProvider provider = this.providers.resolve(this.options.provider());
			return observeMany(provider, ComputeOperation.LIST_GPU_TYPES, provider.listGpuTypes(context()));
		});
	}

	@Override
	public List<ProviderDescriptor> providers() {
		return this.providers.all()
			.stream()
			.map((provider) -> new ProviderDescriptor(provider.id(), provider.capabilities(),
					provider.supportedOperations(), provider.id().equals(this.providers.defaultProvider())))
			.sorted(Comparator.comparing(ProviderDescriptor::id))
			.toList();
	}

	private ProviderContext context() {
		return this.options.toContext();
	}

	private <T> Mono<T> call(ComputeOperation operation, String id, Function<ComputeProvider, Mono<T>> call) {
		Objects.requireNonNull(id, "id");
		return Mono.defer(() -> {
			ComputeProvider provider = this.providers.resolve(this.options.provider());
			return observe(provider, operation, id, requireValue(provider, operation, call.apply(provider)),
					(value) -> id);
		});
	}

	private Mono<Void> callVoid(ComputeOperation operation, String id,
			Function<ComputeProvider, Mono<Void>> call) {
		Objects.requireNonNull(id, "id");
		return Mono.defer(() -> {
			ComputeProvider provider = this.providers.resolve(this.options.provider());
			return observe(provider, operation, id, call.apply(provider), (value) -> id);
		});
	}

	private PreparedSpawn prepare(ComputeRequest request) {
		if (request.auth() != AuthMode.NONE && (request.env().containsKey(AuthHandle.PRESHARED_KEY_ENV)
				|| request.env().containsKey(AuthHandle.SIGNING_SECRET_ENV))) {
			throw ExAtlasException.validation("env must not set " + AuthHandle.PRESHARED_KEY_ENV + " or "
					+ AuthHandle.SIGNING_SECRET_ENV + " when auth is " + request.auth() + ": the library generates it");
		}
		ComputeRequest.Builder builder = request.toBuilder();
		if (request.name() == null) {
			builder.name(ComputeNames.generate(this.namePrefix));
		}
		AuthHandle auth = switch (request.auth()) {
			case NONE -> null;
			case BEARER -> {
				PresharedTokens.MintedToken minted = PresharedTokens.mint();
				builder.env(AuthHandle.PRESHARED_KEY_ENV, minted.token().reveal());
				yield new AuthHandle(AuthMode.BEARER, minted.token(), minted.hash(), AuthHandle.PRESHARED_KEY_ENV);
			}
			case SIGNED_URL -> {
				Secret secret = PresharedTokens.newSecret();
				builder.env(AuthHandle.SIGNING_SECRET_ENV, secret.reveal());
				yield new AuthHandle(AuthMode.SIGNED_URL, secret, null, AuthHandle.SIGNING_SECRET_ENV);
			}
		};
		return new PreparedSpawn(builder.build(), auth);
	}

	private <T> Mono<T> observe(ComputeProvider provider, ComputeOperation operation, @Nullable String id,
			Mono<T> call, Function<T, String> idOf) {
		return this.observations.observe(provider.id(), operation, Mono.defer(() -> {
			long start = System.nanoTime();
			return EndsOnce.mono(
					call.onErrorMap((ex) -> !(ex instanceof ExAtlasException), (ex) -> unexpected(provider, ex)),
					(value) -> publish(provider, operation, Outcome.SUCCESS, null, start,
							(value != null) ? idOf.apply(value) : id),
					(ex) -> publish(provider, operation, Outcome.ERROR, kindOf(ex), start, id),
					() -> publish(provider, operation, Outcome.CANCELLED, ErrorKind.CANCELLED, start, id));
		}));
	}

	private static <T> Mono<T> requireValue(ComputeProvider provider, ComputeOperation operation, Mono<T> call) {
		return call.switchIfEmpty(Mono.error(() -> ExAtlasException.builder(ErrorKind.UNKNOWN)
			.provider(provider.id())
			.message(operation.tagValue() + " completed without a result")
			.build()));
	}

	private <T> Flux<T> observeMany(ComputeProvider provider, ComputeOperation operation, Flux<T> call) {
		return this.observations.observe(provider.id(), operation, Flux.defer(() -> {
			long start = System.nanoTime();
			return EndsOnce.flux(
					call.onErrorMap((ex) -> !(ex instanceof ExAtlasException), (ex) -> unexpected(provider, ex)),
					() -> publish(provider, operation, Outcome.SUCCESS, null, start, null),
					(ex) -> publish(provider, operation, Outcome.ERROR, kindOf(ex), start, null),
					() -> publish(provider, operation, Outcome.CANCELLED, ErrorKind.CANCELLED, start, null));
		}));
	}

	private void publish(ComputeProvider provider, ComputeOperation operation, Outcome outcome,
			@Nullable ErrorKind kind, long startNanos, @Nullable String id) {
		Duration duration = Duration.ofNanos(System.nanoTime() - startNanos);
		this.events.publish(new ComputeOperationEvent(this, this.clock, provider.id(), operation, outcome, kind,
				duration, id));
	}

	private static ErrorKind kindOf(Throwable ex) {
		return (ex instanceof ExAtlasException atlas) ? atlas.kind() : ErrorKind.UNKNOWN;
	}

	private static ExAtlasException unexpected(ComputeProvider provider, Throwable ex) {
		return ExAtlasException.builder(ErrorKind.UNKNOWN)
			.provider(provider.id())
			.message("provider failed with " + ex.getClass().getName())
			.cause(ex)
			.build();
	}

	@Override
	public String toString() {
		return "DefaultReactiveExAtlas[providers=" + this.providers.ids() + ", provider=" + this.options.provider()
				+ ", apiKeyOverride=" + (this.options.apiKey() != null) + "]";
	}

	private record PreparedSpawn(ComputeRequest request, @Nullable AuthHandle auth) {
	}

}
