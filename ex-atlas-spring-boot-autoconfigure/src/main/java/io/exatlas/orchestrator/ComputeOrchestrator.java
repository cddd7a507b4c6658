package io.exatlas.orchestrator;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

import io.exatlas.ErrorKind;
import io.exatlas.ExAtlasException;
import io.exatlas.admission.AdmissionControl;
import io.exatlas.admission.AdmissionRequest;
import io.exatlas.compute.CallOptions;
import io.exatlas.compute.Compute;
import io.exatlas.compute.ComputeNames;
import io.exatlas.compute.ComputeOperation;
import io.exatlas.compute.ComputeRequest;
import io.exatlas.compute.ComputeStatus;
import io.exatlas.compute.ReactiveExAtlas;
import io.exatlas.event.ExAtlasEventPublisher;
import io.exatlas.orchestrator.ComputeSessionEvent.Type;
import io.exatlas.readiness.ReactiveReadiness;
import io.exatlas.spend.SessionSpend;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.context.SmartLifecycle;

/**
 * Per-user transient compute sessions. {@link #spawn} spawns through the facade and tracks the resource;
 * {@link #touch} records activity (one map lookup and one volatile write, cheap enough to call on every request); a
 * session idle for its TTL is terminated upstream; {@link #stopTracked} terminates one at once; on graceful
 * shutdown every tracked session is terminated (or left to another instance or the reaper, per the
 * {@link ShutdownPolicy}). The upstream resource is always terminated when tracking ends, exactly once.
 * <p>
 * Idle expiry runs on one shared timer: each tick handles only the sessions whose deadline or heartbeat is due, so
 * its cost follows what expires, not how many sessions are tracked. Events go out as Spring events and on
 * {@link #events(String)}.
 */
public class ComputeOrchestrator implements SmartLifecycle {

	/** Stops after the web server stopped taking requests and before it is torn down. */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1536;

	private static final Log logger = LogFactory.getLog(ComputeOrchestrator.class);

	private final ReactiveExAtlas exatlas;

	private final SessionSpawner spawner;

	private final ReadinessGate readinessGate;

	private final IdleStopper idleStopper;

	private final AdmissionControl admission;

	private final SessionSpawnObservations spawnObservations;

	private final SessionSpending spending;

	private final SessionRegistry registry;

	private final Clock clock;

	private final Scheduler timer;

	private final OrchestratorSettings settings;

	private final ClusterMembership membership;

	private final ConcurrentMap<String, LocalSession> local = new ConcurrentHashMap<>();

	private final ExpiryQueue queue = new ExpiryQueue();

	private final SessionEvents sessionEvents;

	/**
	 * Where registry calls run on the reactive paths: a shared registry (Redis) blocks on the network, so its calls
	 * leave the caller's thread (never an event loop); an in-memory one runs in place.
	 */
	private final Scheduler registryCalls;

	private final SessionTerminations terminations;

	private final ReactiveComputeOrchestrator reactive = new Reactive();

	private final SpawnsInFlight spawns = new SpawnsInFlight();

	private volatile boolean stopping;

	private volatile @Nullable Disposable ticker;

	private volatile @Nullable Disposable membershipTimer;

	/**
	 * Create the orchestrator; call {@link #start()} (Spring does) to begin idle expiry.
	 * @param exatlas spawns and terminates resources
	 * @param registry keeps the tracked sessions
	 * @param events where session events go
	 * @param clock the wall clock (activity, deadlines)
	 * @param timer runs the expiry ticks
	 * @param settings defaults and shutdown behaviour
	 */
	public ComputeOrchestrator(ReactiveExAtlas exatlas, SessionRegistry registry, ExAtlasEventPublisher events,
			Clock clock, Scheduler timer, OrchestratorSettings settings) {
		this(exatlas, registry, events, clock, timer, settings, MembershipSettings.defaults());
	}

	/**
	 * Create the orchestrator with the membership settings used when the registry is shared between instances.
	 * @param exatlas spawns and terminates resources
	 * @param registry keeps the tracked sessions
	 * @param events where session events go
	 * @param clock the wall clock (activity, deadlines)
	 * @param timer runs the expiry ticks and the membership rounds
	 * @param settings defaults and shutdown behaviour
	 * @param membership heartbeats and take-over of a dead instance's sessions
	 */
	public ComputeOrchestrator(ReactiveExAtlas exatlas, SessionRegistry registry, ExAtlasEventPublisher events,
			Clock clock, Scheduler timer, OrchestratorSettings settings, MembershipSettings membership) {
		this(exatlas, registry, events, clock, timer, settings, membership, SessionServices.NONE);
	}

	/**
	 * Create the orchestrator with its services: sessions whose options carry a placement policy, or that name no
	 * provider while no default provider is configured, are placed on the best offer of any provider; sessions with a
	 * readiness probe are spawned ready; every spawn is admitted by the spawn policies first.
	 * @param exatlas spawns and terminates resources
	 * @param registry keeps the tracked sessions
	 * @param events where session events go
	 * @param clock the wall clock (activity, deadlines)
	 * @param timer runs the expiry ticks and the membership rounds
	 * @param settings defaults and shutdown behaviour
	 * @param membership heartbeats and take-over of a dead instance's sessions
	 * @param services placement, readiness probes and admission control
	 */
	public ComputeOrchestrator(ReactiveExAtlas exatlas, SessionRegistry registry, ExAtlasEventPublisher events,
			Clock clock, Scheduler timer, OrchestratorSettings settings, MembershipSettings membership,
			SessionServices services) {
		this.spawner = new SessionSpawner(exatlas, services.placement());
		this.admission = services.admission();
		this.spawnObservations = new SessionSpawnObservations(services.observations());
		this.exatlas = exatlas;
		this.registry = registry;
		this.clock = clock;
		this.timer = timer;
		this.settings = settings;
		this.membership = new ClusterMembership(registry, settings.instanceId(), membership, clock);
		this.sessionEvents = new SessionEvents(this, events, clock);
		this.terminations = new SessionTerminations(exatlas, this.sessionEvents);
		this.registryCalls = registry.isShared() ? Schedulers.boundedElastic() : Schedulers.immediate();
		this.spending = new SessionSpending(services.spend(), registry, this.sessionEvents, this.local::get);
		this.idleStopper = new IdleStopper(exatlas, this.sessionEvents, settings.tickInterval().toMillis(),
				(session, billing) -> this.spending.billing(session.id(), billing, this.clock.millis()).orElse(null));
		this.readinessGate = new ReadinessGate(services.readiness(), this.local::get, this.sessionEvents,
				(id) -> Mono.defer(() -> Mono.justOrEmpty(this.registry.get(id)))
					.subscribeOn(this.registryCalls)
					.flatMap((record) -> terminate(record, TerminationReason.NOT_READY)));
	}

	/**
	 * Spawn a resource and track it.
	 * @param request what to spawn
	 * @param options how to track it
	 * @return the session; its resource carries the generated credential this once
	 */
	public TrackedSession spawn(ComputeRequest request, SessionOptions options) {
		return Objects.requireNonNull(this.reactive.spawn(request, options).block());
	}

	/**
	 * Record activity on a session, pushing back its idle deadline.
	 * @param id the session id
	 * @return whether the session is tracked
	 */
	public boolean touch(String id) {
		return this.registry.touch(id, this.clock.millis());
	}

	/**
	 * Terminate a session upstream and stop tracking it.
	 * @param id the session id
	 * @throws ExAtlasException {@code NOT_FOUND} when it is not tracked, or the provider's error when the
	 * termination failed (a {@code TERMINATE_FAILED} event is published too)
	 */
	public void stopTracked(String id) {
		this.reactive.stopTracked(id).block();
	}

	/**
	 * The provider reported a price for a session's resource: if it differs from the one the session is billed at,
	 * what it cost so far is settled and it is billed at the new price from now ({@code PRICE_CHANGED} event).
	 * @param id the session id
	 * @param pricePerHour the price in USD per hour
	 * @return whether the session's price changed (not tracked, the same price or no spend accounting: not)
	 */
	public boolean priceReported(String id, BigDecimal pricePerHour) {
		return this.spending.priceReported(id, pricePerHour, this.clock.millis()).isPresent();
	}

	/**
	 * The provider reported a resource (a listing, a lookup): if it is a tracked session with a price, the price is
	 * applied as by {@link #priceReported}. The reaper reports what it lists, so prices follow the provider without a
	 * call of their own. May block on a shared registry: call it off event loops.
	 * @param compute the resource as reported
	 */
	public void observed(Compute compute) {
		BigDecimal price = compute.costPerHour();
		if (price != null) {
			priceReported(compute.id(), price);
		}
	}

	/**
	 * Look a session's resource up at its provider and apply the price it reports.
	 * @param id the session id
	 * @return the session as tracked after the lookup
	 * @throws ExAtlasException {@code NOT_FOUND} when it is not tracked, or the provider's error
	 */
	public TrackedSession refresh(String id) {
		return Objects.requireNonNull(this.reactive.refresh(id).block());
	}

	/**
	 * Stop a session's resource without terminating it (billing for compute ends; the disk stays): the session stays
	 * tracked, shows {@code STOPPED}, and expires at its idle TTL unless {@link #resume resumed}. A {@code PAUSED}
	 * event follows.
	 * @param id the session id
	 * @throws ExAtlasException {@code NOT_FOUND} when this instance does not track it, {@code UNSUPPORTED} when its
	 * provider cannot stop, or the provider's error
	 */
	public void pause(String id) {
		this.reactive.pause(id).block();
	}

	/**
	 * Whether this instance tracks a session itself (it expires it, and can pause and resume it).
	 * @param id the session id
	 * @return whether it is tracked here
	 */
	public boolean isLocal(String id) {
		return this.local.containsKey(id);
	}

	/**
	 * Start a paused (or idle-stopped) session's resource again ({@code RESUMED}).
	 * @param id the session id
	 * @throws ExAtlasException {@code NOT_FOUND} when this instance does not track it, or the provider's error
	 */
	public void resume(String id) {
		this.reactive.resume(id).block();
	}

	/**
	 * How many sessions are tracked.
	 * @return the count
	 */
	public int trackedCount() {
		return this.registry.size();
	}

	/**
	 * Every tracked session.
	 * @return the sessions, oldest first
	 */
	public List<TrackedSession> list() {
		long now = this.clock.millis();
		List<TrackedSession> sessions = new ArrayList<>();
		for (SessionRecord record : this.registry.all()) {
			OptionalLong last = this.registry.lastActivity(record.id());
			if (last.isPresent()) {
				sessions.add(view(record, record.compute(), last.getAsLong(), now));
			}
		}
		return sessions;
	}

	/**
	 * One tracked session.
	 * @param id the session id
	 * @return the session, or empty when it is not tracked
	 */
	public Optional<TrackedSession> get(String id) {
		Optional<SessionRecord> record = this.registry.get(id);
		OptionalLong last = this.registry.lastActivity(id);
		if (record.isEmpty() || last.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(view(record.get(), record.get().compute(), last.getAsLong(), this.clock.millis()));
	}

	/**
	 * The events of one session as they happen (the reference's {@code compute:<id>} topic), ending with its
	 * terminal event. Suitable for server-sent events. A subscriber that cannot keep up misses events instead of
	 * slowing the orchestrator down.
	 * @param id the session id
	 * @return the events
	 */
	public Flux<ComputeSessionEvent> events(String id) {
		return this.sessionEvents.of(id);
	}

	/**
	 * The events of every session as they happen.
	 * @return the events
	 */
	public Flux<ComputeSessionEvent> events() {
		return this.sessionEvents.all();
	}

	/**
	 * Complete every event stream ({@link #events()}, {@link #events(String)}). Called when the application starts
	 * shutting down, so that server-sent event responses end and do not hold up the web server's graceful shutdown.
	 */
	public void completeEventStreams() {
		this.sessionEvents.complete();
	}

	/**
	 * The reactive view of the orchestrator.
	 * @return the reactive API
	 */
	public ReactiveComputeOrchestrator reactive() {
		return this.reactive;
	}

	/**
	 * Check due sessions now (normally run by the timer every tick).
	 */
	public void tick() {
		long now = this.clock.millis();
		for (LocalSession session : this.queue.pollDue(now)) {
			check(session, now);
		}
	}

	/**
	 * Renew this instance's heartbeat and take over the sessions of dead instances (normally run by the timer every
	 * heartbeat interval, and only when the registry is shared).
	 */
	public void membershipRound() {
		this.membership.round(this.local::containsKey, (session, record) -> {
			this.local.put(session.id(), session);
			this.spending.owned(session, record.spend());
			this.queue.schedule(session, this.clock.millis());
		});
	}

	@Override
	public void start() {
		if (this.ticker == null) {
			// Restartable, as a Spring lifecycle is: a context stopped and started again (the test framework pauses
			// cached contexts so) takes spawns again.
			this.stopping = false;
			long period = this.settings.tickInterval().toMillis();
			this.ticker = this.timer.schedulePeriodically(this::safeTick, period, period, TimeUnit.MILLISECONDS);
			if (this.registry.isShared()) {
				long interval = this.membership.settings().heartbeatInterval().toMillis();
				this.membershipTimer = this.timer.schedulePeriodically(this::safeMembershipRound, 0, interval,
						TimeUnit.MILLISECONDS);
			}
		}
	}

	@Override
	public void stop() {
		this.stopping = true;
		long deadline = System.nanoTime() + this.settings.shutdownTimeout().toNanos();
		this.spawns.await(deadline);
		Disposable current = this.ticker;
		this.ticker = null;
		if (current != null) {
			current.dispose();
		}
		Disposable membershipRounds = this.membershipTimer;
		this.membershipTimer = null;
		if (membershipRounds != null) {
			membershipRounds.dispose();
		}
		if (this.settings.shutdownPolicy() == ShutdownPolicy.LEAVE) {
			if (!this.local.isEmpty()) {
				logger.info("Leaving " + this.local.size() + " compute sessions running at shutdown (policy LEAVE)");
			}
			this.local.clear();
			this.registry.leave(this.settings.instanceId());
			return;
		}
		new ShutdownTerminations(this.registry, this.terminations,
				new SessionHandOver(this.registry, this.settings, this.clock), this.settings.instanceId())
			.terminateAll(new ArrayList<>(this.local.keySet()), deadline,
					(record, left) -> terminate(record, TerminationReason.SHUTDOWN, left));
	}

	@Override
	public boolean isRunning() {
		return this.ticker != null;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	private Mono<TrackedSession> spawnReactive(ComputeRequest request, SessionOptions options) {
		return Mono.defer(() -> {
			if (!isRunning()) {
				return Mono.error(ExAtlasException.builder(ErrorKind.UNSUPPORTED)
					.message("the compute orchestrator is not running")
					.build());
			}
			Duration idleTtl = firstNonNull(options.idleTtl(), request.idleTtl(), this.settings.idleTtl());
			Duration heartbeat = firstNonNull(options.heartbeatInterval(), this.settings.heartbeatInterval(),
					Duration.ZERO);
			ComputeRequest named = (request.name() != null) ? request
					: request.toBuilder().name(ComputeNames.generate(this.settings.namePrefix())).build();
			if (options.stopAfterIdle() != null && options.stopAfterIdle().compareTo(idleTtl) >= 0) {
				return Mono.error(ExAtlasException.validation("stopAfterIdle (" + options.stopAfterIdle()
						+ ") must be shorter than the idle TTL (" + idleTtl + "): the session would be terminated first"));
			}
			if (options.readiness() != null && !this.readinessGate.available()) {
				return Mono.error(ExAtlasException.builder(ErrorKind.UNSUPPORTED)
					.message("this orchestrator was built without readiness probes (ReactiveReadiness)")
					.build());
			}
			// Counted from before the call: a spawn that completes after shutdown began is terminated (or left, per
			// the policy) by track(), and stop() waits for it within its budget.
			AdmissionRequest admission = new AdmissionRequest(named, options.userId(),
					options.callOptions().provider(), null);
			return this.spawnObservations.observe(this.spawns.track(this.admission.check(admission)
				.then(Mono.defer(() -> this.spawner.spawn(named, options)))
				.flatMap((spawned) -> Mono
					.defer(() -> track(spawned.compute(), options.with(spawned.callOptions()), idleTtl, heartbeat))
					.subscribeOn(this.registryCalls)))
				.flatMap((session) -> this.readinessGate.await(session, options.readiness())),
					options.readiness() != null);
		});
	}

	private boolean canStop(String provider) {
		return this.exatlas.providers()
			.stream()
			.anyMatch((descriptor) -> descriptor.id().equals(provider)
					&& descriptor.operations().contains(ComputeOperation.STOP)
					&& descriptor.operations().contains(ComputeOperation.START));
	}

	private Mono<TrackedSession> track(Compute compute, SessionOptions options, Duration idleTtl, Duration heartbeat) {
		long now = this.clock.millis();
		SessionRecord record = new SessionRecord(compute, options.userId(), this.settings.instanceId(), idleTtl,
				heartbeat, Instant.ofEpochMilli(now),
				(options.maxLifetime() != null) ? options.maxLifetime() : this.settings.maxLifetime(),
				this.spending.initial(compute, now));
		if (this.stopping && this.settings.shutdownPolicy() == ShutdownPolicy.TERMINATE) {
			return this.terminations.terminate(record, options.callOptions(), TerminationReason.SHUTDOWN)
				.onErrorResume((ex) -> Mono.empty())
				.then(Mono.error(ExAtlasException.builder(ErrorKind.UNSUPPORTED)
					.provider(compute.provider())
					.message("the compute orchestrator stopped while resource " + compute.id()
							+ " was being spawned; it was terminated (shutdown policy TERMINATE)")
					.build()));
		}
		boolean registered;
		try {
			registered = this.registry.register(record, now);
		}
		catch (RuntimeException ex) {
			return this.terminations.terminate(record, options.callOptions(), TerminationReason.REGISTRY_FAILED)
				.onErrorResume((terminateFailure) -> {
					logger.error("Compute resource " + compute.id() + " on " + compute.provider() + " could not be "
							+ "recorded nor terminated; it runs untracked until the reaper removes it");
					return Mono.empty();
				})
				.then(Mono.error(ExAtlasException.builder(ErrorKind.UNKNOWN)
					.provider(compute.provider())
					.message("the session registry failed (" + ex.getClass().getSimpleName() + ") after resource "
							+ compute.id() + " was spawned; it was terminated so that nothing runs untracked")
					.cause(ex)
					.build()));
		}
		if (this.stopping) {
			logger.warn("Compute resource " + compute.id() + " was spawned after shutdown began; it is left running "
					+ "and recorded in the session registry (shutdown policy LEAVE)");
		}
		if (!registered && options.callOptions().idempotencyKey() != null) {
			// A retried spawn with the same idempotency key got the same resource: it is the session already
			// tracked, not a duplicate to terminate.
			Optional<SessionRecord> tracked = this.registry.get(compute.id());
			OptionalLong last = this.registry.lastActivity(compute.id());
			if (tracked.isPresent() && last.isPresent()) {
				return Mono.just(view(tracked.get(), compute, last.getAsLong(), now));
			}
		}
		if (!registered) {
			return this.exatlas.using(options.callOptions())
				.terminate(compute.id())
				.onErrorResume((ex) -> Mono.empty())
				.then(Mono.error(ExAtlasException.builder(ErrorKind.UNKNOWN)
					.provider(compute.provider())
					.message("resource " + compute.id() + " is already tracked; the duplicate was terminated")
					.build()));
		}
		LocalSession session = new LocalSession(record.id(), record.provider(), options.userId(), idleTtl.toMillis(),
				heartbeat.toMillis(), options.callOptions(), now, record.endOfLifeMillis());
		if (options.stopAfterIdle() != null && canStop(record.provider())) {
			session.stopAfter(options.stopAfterIdle().toMillis());
		}
		this.local.put(session.id(), session);
		this.spending.owned(session, record.spend());
		this.queue.schedule(session, session.nextCheck(now));
		this.sessionEvents.publish(session.id(), session.provider(), session.userId(), Type.STATUS, compute.status(),
				null, null, record.spend());
		return Mono.just(view(record, compute, now, now));
	}

	private Mono<Void> stopReactive(String id) {
		return Mono.defer(() -> {
			Optional<SessionRecord> record = this.registry.get(id);
			if (record.isEmpty()) {
				return Mono.error(ExAtlasException.notFound("orchestrator", "compute session " + id + " is not tracked"));
			}
			return terminate(record.get(), TerminationReason.STOPPED);
		}).subscribeOn(this.registryCalls);
	}

	private void check(LocalSession session, long now) {
		if (this.local.get(session.id()) != session) {
			return;
		}
		Optional<SessionRecord> record = this.registry.get(session.id());
		OptionalLong last = this.registry.lastActivity(session.id());
		if (record.isEmpty() || last.isEmpty() || !ownedHere(record.get())) {
			// Stopped or expired elsewhere, or taken over by another instance while this one looked dead.
			if (this.local.remove(session.id(), session)) {
				this.spending.left(session, now, record.isEmpty() || last.isEmpty());
			}
			return;
		}
		this.spending.sync(session, record.get());
		if (now >= session.endOfLife()) {
			terminate(record.get(), TerminationReason.MAX_LIFETIME).subscribe(null,
					(ex) -> logger.warn("Compute session " + session.id() + " reached its hard lifetime and could not "
							+ "be terminated: " + ex.getMessage()));
			return;
		}
		long deadline = Math.min(last.getAsLong() + session.ttlMillis(), session.endOfLife());
		if (now >= last.getAsLong() + session.ttlMillis()) {
			terminate(record.get(), TerminationReason.IDLE_TIMEOUT).subscribe(null,
					(ex) -> logger.warn("Idle compute session " + session.id() + " could not be terminated: "
							+ ex.getMessage()));
			return;
		}
		if (session.heartbeatMillis() > 0 && now >= session.nextHeartbeat()) {
			publish(session.id(), session.provider(), session.userId(), Type.HEARTBEAT, null, null, null);
			session.heartbeatSent(now);
		}
		long next = Math.min(deadline, this.idleStopper.check(session, last.getAsLong(), now));
		this.queue.schedule(session, Math.min(next, (session.heartbeatMillis() > 0) ? session.nextHeartbeat() : next));
	}

	private Mono<Void> terminate(SessionRecord record, TerminationReason reason) {
		return terminate(record, reason, null);
	}

	private Mono<Void> terminate(SessionRecord record, TerminationReason reason, @Nullable Duration deadline) {
		String id = record.id();
		Optional<SessionRecord> taken = this.registry.take(id);
		if (taken.isEmpty()) {
			return Mono.error(ExAtlasException.notFound("orchestrator", "compute session " + id + " is not tracked"));
		}
		LocalSession session = this.local.remove(id);
		long now = this.clock.millis();
		this.spending.ended(taken.get(), session, now);
		SessionSpend spend = taken.get().spend();
		SessionRecord ended = (spend != null) ? taken.get().withSpend(spend.withBilling(false, Instant.ofEpochMilli(now)))
				: taken.get();
		CallOptions options = (session != null) ? session.callOptions() : CallOptions.provider(record.provider());
		return this.terminations.terminate(ended, options, reason, deadline);
	}

	private boolean ownedHere(SessionRecord record) {
		return record.owner().equals(this.settings.instanceId());
	}

	private void safeMembershipRound() {
		try {
			membershipRound();
		}
		catch (RuntimeException ex) {
			logger.warn("The compute session membership round failed (" + ex.getClass().getSimpleName()
					+ "); retrying next interval");
		}
	}

	private void safeTick() {
		try {
			tick();
		}
		catch (RuntimeException ex) {
			logger.error("The compute session expiry tick failed", ex);
		}
	}

	private void publish(String id, String provider, @Nullable String userId, Type type, @Nullable ComputeStatus status,
			@Nullable TerminationReason reason, @Nullable ErrorKind errorKind) {
		this.sessionEvents.publish(id, provider, userId, type, status, reason, errorKind);
	}

	private TrackedSession view(SessionRecord record, Compute compute, long lastActivity, long now) {
		LocalSession local = this.local.get(record.id());
		if (local != null && local.stopped() && compute.status() == ComputeStatus.RUNNING) {
			compute = compute.toBuilder().status(ComputeStatus.STOPPED).build();
		}
		return new TrackedSession(compute, record.userId(), record.owner(), record.idleTtl(), record.trackedSince(),
				Instant.ofEpochMilli(lastActivity), Duration.ofMillis(Math.max(0, now - lastActivity)),
				(local != null) ? local.phase() : null, record.spend());
	}

	@SafeVarargs
	private static <T> T firstNonNull(@Nullable T... values) {
		for (T value : values) {
			if (value != null) {
				return value;
			}
		}
		throw new IllegalStateException("no value");
	}

	@Override
	public String toString() {
		return "ComputeOrchestrator[instance=" + this.settings.instanceId() + ", local=" + this.local.size() + "]";
	}

	private final class Reactive implements ReactiveComputeOrchestrator {

		@Override
		public Mono<TrackedSession> spawn(ComputeRequest request, SessionOptions options) {
			return spawnReactive(request, options);
		}

		@Override
		public Mono<Void> stopTracked(String id) {
			return stopReactive(id);
		}

		@Override
		public Mono<TrackedSession> refresh(String id) {
			return Mono.defer(() -> Mono.justOrEmpty(ComputeOrchestrator.this.registry.get(id)))
				.subscribeOn(ComputeOrchestrator.this.registryCalls)
				.switchIfEmpty(Mono.error(
						() -> ExAtlasException.notFound("orchestrator", "compute session " + id + " is not tracked")))
				.flatMap((record) -> {
					LocalSession session = ComputeOrchestrator.this.local.get(id);
					return ComputeOrchestrator.this.exatlas
						.using((session != null) ? session.callOptions() : CallOptions.provider(record.provider()))
						.get(id);
				})
				.flatMap((compute) -> Mono.fromCallable(() -> {
					if (compute.costPerHour() != null) {
						priceReported(id, compute.costPerHour());
					}
					return get(id);
				}).subscribeOn(ComputeOrchestrator.this.registryCalls))
				.flatMap(Mono::justOrEmpty)
				.switchIfEmpty(Mono.error(
						() -> ExAtlasException.notFound("orchestrator", "compute session " + id + " is not tracked")));
		}

		@Override
		public Mono<Void> pause(String id) {
			return owned(id).flatMap((session) -> canStop(session.provider()) ? idleStopper.pause(session)
					: Mono.error(ExAtlasException.builder(ErrorKind.UNSUPPORTED)
						.provider(session.provider())
						.message("provider " + session.provider() + " cannot stop a resource; terminate it instead")
						.build()));
		}

		@Override
		public Mono<Void> resume(String id) {
			return owned(id).flatMap(idleStopper::resume);
		}

		private Mono<LocalSession> owned(String id) {
			return Mono.defer(() -> Mono.justOrEmpty(ComputeOrchestrator.this.local.get(id)))
				.switchIfEmpty(Mono.error(() -> ExAtlasException.notFound("orchestrator",
						"compute session " + id + " is not tracked by this instance")));
		}

		@Override
		public Mono<Boolean> touch(String id) {
			return Mono.fromCallable(() -> ComputeOrchestrator.this.touch(id)).subscribeOn(ComputeOrchestrator.this.registryCalls);
		}

	}

}
