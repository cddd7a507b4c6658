package io.exatlas.orchestrator;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import io.exatlas.ErrorKind;
import io.exatlas.ExAtlasException;
import io.exatlas.compute.Compute;
import io.exatlas.compute.ComputeFilter;
import io.exatlas.compute.ComputeProvider;
import io.exatlas.compute.ComputeProviders;
import io.exatlas.compute.ComputeStatus;
import io.exatlas.compute.ReactiveExAtlas;
import io.exatlas.event.ExAtlasEventPublisher;
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
 * Terminates orphans: resources whose name starts with the configured prefix, that no tracked session holds, and
 * that are older than the grace period (their creation time, or when the reaper first saw them if the provider does
 * not report one). Every non-terminated status counts (a stopped resource still costs its disk). It runs every
 * interval on each configured provider and publishes a {@link ReaperRunEvent} per provider run. A provider without
 * credentials is skipped quietly.
 */
public class Reaper implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(Reaper.class);

	private static final Set<ComputeStatus> LIVE = EnumSet.of(ComputeStatus.PROVISIONING, ComputeStatus.RUNNING,
			ComputeStatus.STOPPED, ComputeStatus.FAILED);

	private final ReactiveExAtlas exatlas;

	private final ComputeProviders providers;

	private final SessionRegistry registry;

	private final ReaperSettings settings;

	private final ExAtlasEventPublisher events;

	private final Clock clock;

	private final Scheduler timer;

	private final ConcurrentMap<String, Long> firstSeen = new ConcurrentHashMap<>();

	private final ReaperLock lock;

	private final String holder;

	private final AtomicBoolean running = new AtomicBoolean();

	private volatile @Nullable Disposable schedule;

	private volatile Consumer<Compute> trackedObserver = (compute) -> {
	};

	/**
	 * Create the reaper; {@link #start()} (Spring calls it) schedules the runs.
	 * @param exatlas lists and terminates resources
	 * @param providers the registered providers
	 * @param registry tells which resources are tracked
	 * @param settings prefix, grace period, interval, providers
	 * @param events where run events go
	 * @param clock the wall clock
	 * @param timer schedules the runs
	 */
	public Reaper(ReactiveExAtlas exatlas, ComputeProviders providers, SessionRegistry registry, ReaperSettings settings,
			ExAtlasEventPublisher events, Clock clock, Scheduler timer) {
		this(exatlas, providers, registry, settings, events, clock, timer, ReaperLock.local(), "local");
	}

	/**
	 * Create a reaper that runs on schedule only while it holds the cluster's reaper lease.
	 * @param exatlas lists and terminates resources
	 * @param providers the registered providers
	 * @param registry tells which resources are tracked
	 * @param settings prefix, grace period, interval, providers
	 * @param events where run events go
	 * @param clock the wall clock
	 * @param timer schedules the runs
	 * @param lock grants the lease of each scheduled run
	 * @param holder this instance's id
	 */
	public Reaper(ReactiveExAtlas exatlas, ComputeProviders providers, SessionRegistry registry, ReaperSettings settings,
			ExAtlasEventPublisher events, Clock clock, Scheduler timer, ReaperLock lock, String holder) {
		this.lock = lock;
		this.holder = holder;
		this.exatlas = exatlas;
		this.providers = providers;
		this.registry = registry;
		this.settings = settings;
		this.events = events;
		this.clock = clock;
		this.timer = timer;
	}

	/**
	 * Run once over every configured provider now.
	 * @return one report per provider
	 */
	public Mono<List<ReaperRunEvent>> reapNow() {
		return Flux.fromIterable(targets(this.settings.providers()))
			.concatMap((provider) -> reapIfConfigured(provider, this.settings.namePrefix()))
			.collectList();
	}

	/**
	 * Run once now for a given name prefix and set of providers (the reference's reaper run with arguments), with the
	 * same safety as a scheduled run: the grace period, a non-empty prefix unless
	 * {@code exatlas.orchestrator.reaper.allow-empty-prefix} is set, and the cluster's reaper lease, so no scheduled
	 * run of another instance overlaps it.
	 * @param namePrefix only resources whose name starts with it are candidates
	 * @param providers the provider ids to reap; empty for every registered provider
	 * @return one report per provider; a {@code VALIDATION} error for an empty prefix or an unknown provider, an
	 * {@code UNSUPPORTED} error while another run holds the lease
	 */
	public Mono<List<ReaperRunEvent>> reapNow(String namePrefix, Set<String> providers) {
		return Mono.defer(() -> {
			if (namePrefix.isEmpty() && !this.settings.allowEmptyPrefix()) {
				return Mono.error(ExAtlasException.validation("orchestrator", "an empty name prefix would reap every "
						+ "untracked named resource; set exatlas.orchestrator.reaper.allow-empty-prefix=true first"));
			}
			Set<String> unknown = new TreeSet<>(providers);
			this.providers.all().forEach((provider) -> unknown.remove(provider.id()));
			if (!unknown.isEmpty()) {
				return Mono.error(ExAtlasException.validation("orchestrator", "unknown providers " + unknown));
			}
			if (!this.running.compareAndSet(false, true)) {
				return Mono.error(busy("a reaper run of this instance is in progress"));
			}
			if (!lease()) {
				this.running.set(false);
				return Mono.error(busy("another instance holds the reaper lease"));
			}
			return Flux.fromIterable(targets(providers))
				.concatMap((provider) -> reapIfConfigured(provider, namePrefix))
				.collectList()
				.doFinally((signal) -> this.running.set(false));
		});
	}

	/**
	 * Take or renew the cluster's reaper lease for one and a half intervals.
	 * @return whether this instance holds it; {@code false} also when the lock cannot be asked (logged)
	 */
	private boolean lease() {
		try {
			return this.lock.tryAcquire(this.holder, this.settings.interval().multipliedBy(3).dividedBy(2));
		}
		catch (RuntimeException ex) {
			logger.warn("The reaper could not take its lease (" + ex.getClass().getSimpleName() + "); skipping this run");
			return false;
		}
	}

	private static ExAtlasException busy(String why) {
		return ExAtlasException.builder(ErrorKind.UNSUPPORTED).message(why + "; try again later").build();
	}

	@Override
	public void start() {
		if (this.schedule == null) {
			long interval = this.settings.interval().toMillis();
			this.schedule = this.timer.schedulePeriodically(this::scheduledRun, interval, interval,
					TimeUnit.MILLISECONDS);
		}
	}

	/**
	 * One scheduled run: skipped while this instance's previous run is still going, or when another instance holds
	 * the lease. The lease lasts one and a half intervals: the holder renews it at each run, before it expires, so no
	 * other instance runs the reaper while the holder lives; if the holder dies, another one takes over within one and
	 * a half intervals.
	 */
	private void scheduledRun() {
		if (!this.running.compareAndSet(false, true)) {
			return;
		}
		if (!lease()) {
			this.running.set(false);
			return;
		}
		reapNow().doFinally((signal) -> this.running.set(false))
			.subscribe(null, (ex) -> logger.warn("The reaper run failed: " + ex));
	}

	@Override
	public void stop() {
		Disposable current = this.schedule;
		this.schedule = null;
		if (current != null) {
			current.dispose();
		}
	}

	@Override
	public boolean isRunning() {
		return this.schedule != null;
	}

	private List<ComputeProvider> targets(Set<String> wanted) {
		return this.providers.all()
			.stream()
			.filter((provider) -> wanted.isEmpty() || wanted.contains(provider.id()))
			.sorted(Comparator.comparing(ComputeProvider::id))
			.toList();
	}

	/**
	 * Reap a provider that is configured; skip one nobody set up (no credential, no Fly app) quietly: no call, no
	 * failed operation, no event, a DEBUG line.
	 */
	private Mono<ReaperRunEvent> reapIfConfigured(ComputeProvider provider, String namePrefix) {
		return provider.configured().onErrorReturn(false).flatMap((configured) -> {
			if (!configured) {
				logger.debug("The reaper skips " + provider.id() + ": it is not configured");
				return Mono.empty();
			}
			return reap(provider.id(), namePrefix);
		});
	}

	private Mono<ReaperRunEvent> reap(String provider, String namePrefix) {
		long start = System.nanoTime();
		ComputeFilter filter = new ComputeFilter(LIVE, namePrefix, null, null);
		return this.exatlas.using(provider)
			.list(filter)
			.filter((compute) -> compute.name() != null && compute.name().startsWith(namePrefix))
			.collectList()
			// A shared registry blocks on the network (Redis): never on the listing's event loop.
			.flatMap((listed) -> Mono.fromCallable(() -> untracked(listed))
				.subscribeOn(this.registry.isShared() ? Schedulers.boundedElastic() : Schedulers.immediate()))
			.flatMap((orphans) -> terminateOld(provider, orphans, start))
			.onErrorResume((ex) -> Mono.just(listFailed(provider, ex, start)))
			.doOnNext(this.events::publish);
	}

	/**
	 * Report what the provider listed of each tracked session (its price), and keep the rest: the orphans.
	 */
	private List<Compute> untracked(List<Compute> listed) {
		List<Compute> orphans = new ArrayList<>();
		for (Compute compute : listed) {
			if (this.registry.contains(compute.id())) {
				this.trackedObserver.accept(compute);
			}
			else {
				orphans.add(compute);
			}
		}
		return orphans;
	}

	/**
	 * Receive each tracked session's resource as the provider lists it on every run, so that the orchestrator
	 * follows price changes without calls of its own ({@link ComputeOrchestrator#observed}).
	 * @param observer what receives them (called off the event loop; may block)
	 */
	public void onTrackedListed(Consumer<Compute> observer) {
		this.trackedObserver = Objects.requireNonNull(observer, "observer");
	}

	private Mono<ReaperRunEvent> terminateOld(String provider, List<Compute> orphans, long start) {
		long now = this.clock.millis();
		Set<String> seen = new HashSet<>();
		AtomicInteger reaped = new AtomicInteger();
		AtomicInteger failed = new AtomicInteger();
		AtomicInteger young = new AtomicInteger();
		List<Compute> old = orphans.stream().filter((compute) -> {
			String key = provider + ':' + compute.id();
			seen.add(key);
			long first = this.firstSeen.computeIfAbsent(key, (k) -> now);
			long bornAt = (compute.createdAt() != null) ? Math.min(compute.createdAt().toEpochMilli(), first) : first;
			boolean isOld = now - bornAt >= this.settings.gracePeriod().toMillis();
			if (!isOld) {
				young.incrementAndGet();
			}
			return isOld;
		}).toList();
		this.firstSeen.keySet().removeIf((key) -> key.startsWith(provider + ':') && !seen.contains(key));
		return Flux.fromIterable(old)
			.flatMap((orphan) -> this.exatlas.using(provider)
				.terminate(orphan.id())
				.doOnSuccess((ignored) -> {
					reaped.incrementAndGet();
					logger.info("Reaped orphaned " + provider + " resource " + orphan.id() + " (" + orphan.name() + ")");
				})
				.onErrorResume((ex) -> {
					failed.incrementAndGet();
					logger.warn("Could not reap " + provider + " resource " + orphan.id() + ": " + ex.getMessage());
					return Mono.empty();
				}), 8)
			.then(Mono.fromSupplier(() -> new ReaperRunEvent(this, this.clock, provider, orphans.size(), reaped.get(),
					failed.get(), young.get(), null, Duration.ofNanos(System.nanoTime() - start))));
	}

	private ReaperRunEvent listFailed(String provider, Throwable ex, long start) {
		ErrorKind kind = (ex instanceof ExAtlasException atlas) ? atlas.kind() : ErrorKind.UNKNOWN;
		if (kind == ErrorKind.UNAUTHORIZED) {
			logger.debug("The reaper skips " + provider + ": " + ex.getMessage());
		}
		else {
			logger.warn("The reaper could not list " + provider + " resources: " + ex.getMessage());
		}
		return new ReaperRunEvent(this, this.clock, provider, 0, 0, 0, 0, kind, Duration.ofNanos(System.nanoTime() - start));
	}

}
