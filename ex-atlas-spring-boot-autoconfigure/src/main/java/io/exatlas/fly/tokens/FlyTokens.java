package io.exatlas.fly.tokens;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.exatlas.ErrorKind;
import io.exatlas.ExAtlasException;
import io.exatlas.Secret;
import io.exatlas.event.ExAtlasEventPublisher;
import io.exatlas.fly.FlyAppNames;
import io.exatlas.fly.FlyObservationDocumentation;
import io.exatlas.internal.SerialExecutor;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Fly.io tokens per app, resolved through a chain where the first hit wins:
 * <ol>
 * <li>the cache: a valid token returns at once in the caller's thread, without any lock (source {@code CACHE},
 * acquirer {@code FACADE});</li>
 * <li>the app's resolver, which handles one request at a time: a caller queued behind another finds the token the
 * first one cached (source {@code CACHE}, acquirer {@code APP_SERVER}); different apps resolve in parallel;</li>
 * <li>the durable {@link TokenStore}: a valid acquired token (source {@code STORAGE});</li>
 * <li>flyctl's {@code config.yml} access token (source {@code CONFIG});</li>
 * <li>{@code fly tokens create readonly} (source {@code CLI}), not retried for an app within the configured
 * back-off after it failed;</li>
 * <li>the app's manual override (source {@code MANUAL}, never expires, never cached as an acquired token);</li>
 * <li>nothing: an {@code UNAUTHORIZED} error (source {@code NONE}).</li>
 * </ol>
 * Tokens from the config file and the CLI get the configured TTL, are stored before the caller gets them, cached
 * with their own expiry and refreshed in the background shortly before they expire (by a fresher stored token when
 * another instance sharing the store already refreshed it, else by the config file or the CLI). Acquisitions run
 * through {@link TokenStore#acquireExclusively}, so a store shared by several instances makes them cost one CLI call
 * per cluster. {@link #invalidate(String)} and {@link #refresh(String)} drop the stored token too, so a token a
 * cloud rejected never comes back from storage.
 * <p>
 * Every {@link #get(String)} and {@link #refresh(String)} publishes a start event and then a stop (or, for an
 * unexpected failure, an exception) event. Token values never appear in events, logs, exceptions or
 * {@code toString()}.
 */
public class FlyTokens implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(FlyTokens.class);

	private static final Duration GRACEFUL_SHUTDOWN = Duration.ofSeconds(10);

	private final TokenStore store;

	private final @Nullable FlyConfigFile configFile;

	private final FlyCliTokenIssuer cli;

	private final FlyTokenSettings settings;

	private volatile ObservationRegistry observations = ObservationRegistry.NOOP;

	private final ExAtlasEventPublisher events;

	private final Clock clock;

	private final Executor workers;

	private final Scheduler timer;

	private final @Nullable Disposable ownedSchedulers;

	private final Cache<String, CachedToken> cache;

	private final ConcurrentMap<String, SerialExecutor> resolvers = new ConcurrentHashMap<>();

	private final ConcurrentMap<String, CompletableFuture<Resolution>> resolutions = new ConcurrentHashMap<>();

	private final ConcurrentMap<String, Disposable> refreshTimers = new ConcurrentHashMap<>();

	private final ConcurrentMap<String, Instant> cliBackoffUntil = new ConcurrentHashMap<>();

	private final FlyTokenStatistics statistics = new FlyTokenStatistics();

	private final ReactiveFlyTokens reactive = new Reactive();

	/**
	 * Create the token manager.
	 * @param store the durable store
	 * @param configFile flyctl's config file, or {@code null} to skip that step
	 * @param cli the CLI step
	 * @param settings tuning
	 * @param events where acquisition events go
	 * @param clock the wall clock (token expiry)
	 * @param workers runs the app resolvers (blocking I/O: store, config file, CLI)
	 * @param timer schedules the background refreshes
	 */
	public FlyTokens(TokenStore store, @Nullable FlyConfigFile configFile, FlyCliTokenIssuer cli,
			FlyTokenSettings settings, ExAtlasEventPublisher events, Clock clock, Scheduler workers, Scheduler timer) {
		this(store, configFile, cli, settings, events, clock, workers, timer, null);
	}

	/**
	 * Create the token manager with threads of its own, released by {@link #close()}: up to
	 * {@code maxConcurrentResolutions} apps resolve at the same time (threads are created on demand and idle ones
	 * expire), and one timer thread schedules the background refreshes.
	 * @param store the durable store
	 * @param configFile flyctl's config file, or {@code null} to skip that step
	 * @param cli the CLI step
	 * @param settings tuning
	 * @param events where acquisition events go
	 * @param clock the wall clock
	 * @param maxConcurrentResolutions how many apps may resolve at the same time
	 */
	public FlyTokens(TokenStore store, @Nullable FlyConfigFile configFile, FlyCliTokenIssuer cli,
			FlyTokenSettings settings, ExAtlasEventPublisher events, Clock clock, int maxConcurrentResolutions) {
		this(store, configFile, cli, settings, events, clock, new OwnedSchedulers(maxConcurrentResolutions));
	}

	private FlyTokens(TokenStore store, @Nullable FlyConfigFile configFile, FlyCliTokenIssuer cli,
			FlyTokenSettings settings, ExAtlasEventPublisher events, Clock clock, OwnedSchedulers schedulers) {
		this(store, configFile, cli, settings, events, clock, schedulers.workers, schedulers.timer, schedulers);
	}

	private FlyTokens(TokenStore store, @Nullable FlyConfigFile configFile, FlyCliTokenIssuer cli,
			FlyTokenSettings settings, ExAtlasEventPublisher events, Clock clock, Scheduler workers, Scheduler timer,
			@Nullable Disposable ownedSchedulers) {
		this.store = store;
		this.configFile = configFile;
		this.cli = cli;
		this.settings = settings;
		this.events = events;
		this.clock = clock;
		this.workers = workers::schedule;
		this.timer = timer;
		this.ownedSchedulers = ownedSchedulers;
		this.cache = Caffeine.newBuilder()
			.maximumSize(settings.cacheMaximumSize())
			.ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
			.expireAfter(new TokenExpiry(clock))
			.recordStats()
			.build();
	}

	/**
	 * Acquire a token for an app. A cache hit returns at once; a miss blocks while the app's resolver runs the
	 * chain (use {@link #reactive()} from reactive code).
	 * @param app the Fly app
	 * @return the token
	 * @throws ExAtlasException {@code UNAUTHORIZED} when the chain has no token, {@code VALIDATION} for an invalid
	 * app name
	 */
	public FlyToken get(String app) {
		long start = System.nanoTime();
		FlyToken hit = fastPath(app, start);
		if (hit != null) {
			return hit;
		}
		FlyAppNames.requireValid(app);
		publishStart(app);
		return await(app, start, acquire(app, start, false));
	}

	/**
	 * Drop the app's cached and stored token and acquire a new one, atomically: no concurrent caller sees the old
	 * token once the refresh has started.
	 * @param app the Fly app
	 * @return the new token
	 */
	public FlyToken refresh(String app) {
		FlyAppNames.requireValid(app);
		long start = System.nanoTime();
		publishStart(app);
		return await(app, start, acquire(app, start, true));
	}

	/**
	 * Drop the app's cached token and its stored acquired token (the manual override stays).
	 * @param app the Fly app
	 */
	public void invalidate(String app) {
		FlyAppNames.requireValid(app);
		join(submit(app, () -> {
			evict(app);
			return null;
		}));
	}

	/**
	 * Drop the app's cached token in this instance only (the store is left alone): called when another instance
	 * sharing the store invalidated or refreshed the app's token.
	 * @param app the Fly app
	 */
	public void evictLocally(String app) {
		FlyAppNames.requireValid(app);
		join(submit(app, () -> {
			dropCached(app);
			return null;
		}));
	}

	/**
	 * Set the app's manual override, the chain's last resort. It is persisted before this method returns.
	 * @param app the Fly app
	 * @param token the token
	 * @throws ExAtlasException when the token could not be persisted
	 */
	public void setManual(String app, String token) {
		FlyAppNames.requireValid(app);
		Secret secret = Secret.of(token);
		join(submit(app, () -> {
			persistManual(app, secret);
			return null;
		}));
	}

	/**
	 * The reactive view of these tokens.
	 * @return the reactive API
	 */
	public ReactiveFlyTokens reactive() {
		return this.reactive;
	}

	/**
	 * Acquisition statistics per app and in total.
	 * @return the statistics
	 */
	public FlyTokenStatistics statistics() {
		return this.statistics;
	}

	/**
	 * Statistics of the token cache.
	 * @return Caffeine's statistics
	 */
	public CacheStats cacheStatistics() {
		return this.cache.stats();
	}

	/**
	 * What is cached for each app: where its token came from and when it expires (never the token).
	 * @return app name → cached token state
	 */
	public Map<String, TokenState> cachedTokens() {
		Map<String, TokenState> states = new java.util.TreeMap<>();
		this.cache.asMap().forEach((app, cached) -> states.put(app, new TokenState(cached.origin(), cached.expiresAt())));
		return states;
	}

	/**
	 * The app names this manager has resolved or was asked about.
	 * @return the app names
	 */
	public java.util.Set<String> apps() {
		return java.util.Collections.unmodifiableSet(new java.util.TreeSet<>(this.resolvers.keySet()));
	}

	/**
	 * Cancel the background refreshes and release the threads this manager created, after letting queued work
	 * (such as persisting a just-acquired token) finish, for at most 10 seconds.
	 */
	@Override
	public void close() {
		this.refreshTimers.values().forEach(Disposable::dispose);
		this.refreshTimers.clear();
		if (this.ownedSchedulers != null) {
			this.ownedSchedulers.dispose();
		}
	}

	/**
	 * A cache hit, with its start and stop events; {@code null} on a miss (nothing published). Only valid names are
	 * ever cached, so the name check (a regex) is left to the miss path.
	 */
	private @Nullable FlyToken fastPath(@Nullable String app, long start) {
		CachedToken cached = (app != null) ? this.cache.getIfPresent(app) : null;
		if (cached == null) {
			return null;
		}
		publishStart(app);
		publishStop(app, TokenSource.CACHE, TokenAcquirer.FACADE, start);
		return cached.asCacheHit();
	}

	private CompletableFuture<FlyToken> acquire(String app, long start, boolean refresh) {
		Observation observation = FlyObservationDocumentation.TOKEN_RESOLUTION.observation(this.observations)
			.lowCardinalityKeyValue(FlyObservationDocumentation.Keys.REFRESH.withValue(String.valueOf(refresh)))
			.highCardinalityKeyValue(FlyObservationDocumentation.Keys.APP.withValue(app))
			.start();
		return (refresh ? submit(app, () -> chain(app, true)) : resolution(app)).handle((resolution, failure) -> {
			observation.lowCardinalityKeyValue(FlyObservationDocumentation.Keys.SOURCE.withValue(
					(failure != null) ? "error" : resolution.source().name().toLowerCase(Locale.ROOT)));
			if (failure != null) {
				Throwable cause = unwrap(failure);
				publishException(app, cause, start);
				throw (cause instanceof ExAtlasException atlas) ? atlas : new CompletionException(cause);
			}
			publishStop(app, resolution.source(), TokenAcquirer.APP_SERVER, start);
			if (resolution.token() == null) {
				this.statistics.recordFailure(app, TokenSource.NONE.name(), this.clock.millis());
				throw ExAtlasException.builder(ErrorKind.UNAUTHORIZED)
					.provider("fly")
					.message("no Fly token available for app " + app
							+ " (tried the cache, the token store, the flyctl config file, the fly CLI and the manual"
							+ " override)")
					.build();
			}
			return resolution.token();
		}).whenComplete((token, failure) -> {
			if (failure != null) {
				observation.error(unwrap(failure));
			}
			observation.stop();
		});
	}

	/**
	 * Observe resolutions by the chain (cache misses) with this registry; call before the first use.
	 * @param observations the registry
	 */
	public void setObservationRegistry(ObservationRegistry observations) {
		this.observations = observations;
	}

	/**
	 * The app's resolution in flight, or a new one: concurrent misses share one resolver task, and those who joined
	 * it see the token as found in the cache, as they would have queued behind it. The entry is removed inside the
	 * resolver before the result is published, so a refresh or invalidation (queued on the same resolver) is never
	 * joined by a caller that arrived after it started.
	 */
	private CompletableFuture<Resolution> resolution(String app) {
		CompletableFuture<Resolution> leader = new CompletableFuture<>();
		CompletableFuture<Resolution> inFlight = this.resolutions.putIfAbsent(app, leader);
		if (inFlight != null) {
			return inFlight.thenApply(Resolution::asJoined);
		}
		resolver(app).execute(() -> {
			try {
				Resolution resolution = resolve(app);
				this.resolutions.remove(app, leader);
				leader.complete(resolution);
			}
			catch (RuntimeException | Error ex) {
				this.resolutions.remove(app, leader);
				leader.completeExceptionally(ex);
			}
		});
		return leader;
	}

	private Resolution resolve(String app) {
		CachedToken cached = this.cache.getIfPresent(app);
		if (cached != null) {
			return new Resolution(TokenSource.CACHE, cached.asCacheHit());
		}
		return chain(app, false);
	}

	private Resolution chain(String app, boolean refresh) {
		if (refresh) {
			evict(app);
		}
		StoredToken stored = readValid(app, this.clock.instant());
		if (stored != null) {
			return fromStorage(app, stored);
		}
		Resolution fresh = this.store.acquireExclusively(app, this.settings.callTimeout(), () -> {
			Instant now = this.clock.instant();
			StoredToken storedMeanwhile = readValid(app, now);
			return (storedMeanwhile != null) ? fromStorage(app, storedMeanwhile) : acquireAndPersist(app, now);
		});
		if (fresh != null) {
			return fresh;
		}
		StoredToken manual = read(app, TokenKind.MANUAL);
		if (manual != null) {
			return new Resolution(TokenSource.MANUAL, new FlyToken(app, manual.token(), TokenSource.MANUAL, null));
		}
		return new Resolution(TokenSource.NONE, null);
	}

	private @Nullable StoredToken readValid(String app, Instant now) {
		StoredToken stored = read(app, TokenKind.CACHED);
		return (stored != null && stored.expiresAt() != null && stored.expiresAt().isAfter(now)) ? stored : null;
	}

	private Resolution fromStorage(String app, StoredToken stored) {
		return new Resolution(TokenSource.STORAGE,
				remember(app, stored.token(), TokenSource.STORAGE, stored.expiresAt()));
	}

	/**
	 * Acquire a token from the config file or the CLI and store it before returning, so that other instances
	 * sharing the store find it once this acquisition's exclusive section ends.
	 */
	private @Nullable Resolution acquireAndPersist(String app, Instant now) {
		Acquired acquired = acquireFresh(app, now);
		if (acquired == null) {
			return null;
		}
		Instant expiresAt = now.plus(this.settings.ttl());
		persistAcquired(app, new StoredToken(acquired.token(), expiresAt));
		return new Resolution(acquired.source(), remember(app, acquired.token(), acquired.source(), expiresAt));
	}

	private @Nullable Acquired acquireFresh(String app, Instant now) {
		if (this.configFile != null) {
			Optional<Secret> token = this.configFile.accessToken();
			if (token.isPresent()) {
				return new Acquired(token.get(), TokenSource.CONFIG);
			}
		}
		Instant backoff = this.cliBackoffUntil.get(app);
		if (backoff != null && backoff.isAfter(now)) {
			return null;
		}
		Optional<Secret> token = this.cli.issue(app);
		if (token.isPresent()) {
			this.cliBackoffUntil.remove(app);
			return new Acquired(token.get(), TokenSource.CLI);
		}
		this.cliBackoffUntil.put(app, now.plus(this.settings.cliFailureBackoff()));
		return null;
	}

	private FlyToken remember(String app, Secret token, TokenSource origin, Instant expiresAt) {
		CachedToken cached = new CachedToken(new FlyToken(app, token, TokenSource.CACHE, expiresAt), origin);
		this.cache.put(app, cached);
		scheduleRefresh(app, expiresAt);
		return cached.token().withSource(origin);
	}

	private void scheduleRefresh(String app, Instant expiresAt) {
		Duration lead = this.settings.softRefreshLead();
		if (lead.isZero() || lead.isNegative()) {
			return;
		}
		long delay = expiresAt.minus(lead).toEpochMilli() - this.clock.millis();
		if (delay <= 0) {
			return;
		}
		Disposable task = this.timer.schedule(() -> resolver(app).execute(() -> refreshAhead(app)), delay,
				TimeUnit.MILLISECONDS);
		Disposable previous = this.refreshTimers.put(app, task);
		if (previous != null) {
			previous.dispose();
		}
	}

	/**
	 * Replace a token shortly before it expires: with a fresher one another instance stored (a shared store), or
	 * with a new one from the config file or the CLI.
	 */
	private void refreshAhead(String app) {
		Resolution refreshed = this.store.acquireExclusively(app, this.settings.callTimeout(), () -> {
			Instant now = this.clock.instant();
			StoredToken stored = readValid(app, now.plus(this.settings.softRefreshLead()));
			return (stored != null) ? fromStorage(app, stored) : acquireAndPersist(app, now);
		});
		if (refreshed == null) {
			logger.warn("The Fly token for app " + app + " could not be refreshed ahead of its expiry; the current "
					+ "token is used until it expires");
			return;
		}
		logger.debug("Refreshed the Fly token for app " + app + " ahead of its expiry (" + refreshed.source() + ")");
	}

	private void dropCached(String app) {
		this.cache.invalidate(app);
		Disposable timerTask = this.refreshTimers.remove(app);
		if (timerTask != null) {
			timerTask.dispose();
		}
	}

	private void evict(String app) {
		dropCached(app);
		try {
			this.store.delete(app, TokenKind.CACHED);
		}
		catch (RuntimeException ex) {
			logger.error("Could not delete the stored Fly token for app " + app + " (" + ex.getClass().getSimpleName()
					+ "); it may be served from storage until it expires");
		}
	}

	private void persistAcquired(String app, StoredToken token) {
		try {
			this.store.put(app, TokenKind.CACHED, token);
		}
		catch (RuntimeException ex) {
			logger.error("Could not persist the Fly token for app " + app + " (" + ex.getClass().getSimpleName()
					+ "); it stays cached in memory");
		}
	}

	private void persistManual(String app, Secret token) {
		try {
			this.store.put(app, TokenKind.MANUAL, new StoredToken(token, null));
		}
		catch (RuntimeException ex) {
			logger.error("Could not persist the manual Fly token for app " + app + " ("
					+ ex.getClass().getSimpleName() + ")");
			throw ExAtlasException.builder(ErrorKind.UNKNOWN)
				.provider("fly")
				.message("the manual token for app " + app + " could not be persisted: " + ex.getClass().getSimpleName())
				.cause(ex)
				.build();
		}
	}

	private @Nullable StoredToken read(String app, TokenKind kind) {
		try {
			return this.store.get(app, kind).orElse(null);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not read the " + kind.name().toLowerCase(java.util.Locale.ROOT) + " Fly token of app "
					+ app + " from the store (" + ex.getClass().getSimpleName() + ")");
			return null;
		}
	}

	private <T> CompletableFuture<T> submit(String app, Supplier<T> task) {
		CompletableFuture<T> result = new CompletableFuture<>();
		resolver(app).execute(() -> {
			try {
				result.complete(task.get());
			}
			catch (RuntimeException ex) {
				result.completeExceptionally(ex);
			}
		});
		return result;
	}

	private SerialExecutor resolver(String app) {
		SerialExecutor resolver = this.resolvers.get(app);
		return (resolver != null) ? resolver : this.resolvers.computeIfAbsent(app, (key) -> new SerialExecutor(this.workers));
	}

	private FlyToken await(String app, long start, CompletableFuture<FlyToken> acquisition) {
		try {
			return acquisition.get(this.settings.callTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			publishException(app, ex, start);
			throw ExAtlasException.builder(ErrorKind.TIMEOUT)
				.provider("fly")
				.message("no Fly token for app " + app + " within " + this.settings.callTimeout())
				.build();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw ExAtlasException.builder(ErrorKind.UNKNOWN).provider("fly").message("interrupted").cause(ex).build();
		}
		catch (ExecutionException ex) {
			throw rethrow(ex.getCause());
		}
	}

	private <T> T join(CompletableFuture<T> task) {
		try {
			return task.get(this.settings.callTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			throw ExAtlasException.builder(ErrorKind.TIMEOUT).provider("fly").message("token store timed out").build();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw ExAtlasException.builder(ErrorKind.UNKNOWN).provider("fly").message("interrupted").cause(ex).build();
		}
		catch (ExecutionException ex) {
			throw rethrow(ex.getCause());
		}
	}

	private static RuntimeException rethrow(Throwable failure) {
		Throwable cause = unwrap(failure);
		return (cause instanceof RuntimeException runtime) ? runtime
				: ExAtlasException.builder(ErrorKind.UNKNOWN).provider("fly").cause(cause).build();
	}

	private static Throwable unwrap(Throwable failure) {
		Throwable current = failure;
		while ((current instanceof CompletionException || current instanceof ExecutionException)
				&& current.getCause() != null) {
			current = current.getCause();
		}
		return current;
	}

	private void publishStart(String app) {
		this.events.publish(new FlyTokenAcquireStartEvent(this, this.clock, app));
	}

	private void publishStop(String app, TokenSource source, TokenAcquirer acquirer, long start) {
		long now = System.nanoTime();
		FlyTokenAcquireStopEvent event = new FlyTokenAcquireStopEvent(this, this.clock, app, source, acquirer,
				Duration.ofNanos(now - start), now);
		this.statistics.recordAcquired(app, source, acquirer, event.getTimestamp());
		this.events.publish(event);
	}

	private void publishException(String app, Throwable failure, long start) {
		long now = System.nanoTime();
		String kind = (failure instanceof ExAtlasException atlas) ? atlas.kind().name()
				: failure.getClass().getSimpleName();
		this.statistics.recordFailure(app, kind, this.clock.millis());
		this.events.publish(new FlyTokenAcquireExceptionEvent(this, this.clock, app, kind,
				Duration.ofNanos(now - start), now));
	}

	@Override
	public String toString() {
		return "FlyTokens[apps=" + this.resolvers.size() + ", store=" + this.store + "]";
	}

	/**
	 * Where a cached token came from and when it expires.
	 *
	 * @param source where it was acquired
	 * @param expiresAt when it expires
	 */
	public record TokenState(TokenSource source, @Nullable Instant expiresAt) {
	}

	private record CachedToken(FlyToken token, TokenSource origin) {

		FlyToken asCacheHit() {
			return this.token;
		}

		@Nullable Instant expiresAt() {
			return this.token.expiresAt();
		}

	}

	private record Resolution(TokenSource source, @Nullable FlyToken token) {

		/**
		 * What a caller that joined this resolution gets: the token as the resolution cached it (a manual token and
		 * no token are never cached, so they are passed on as they are).
		 */
		Resolution asJoined() {
			boolean cached = this.token != null && this.source != TokenSource.MANUAL;
			return cached ? new Resolution(TokenSource.CACHE, this.token.withSource(TokenSource.CACHE)) : this;
		}

	}

	/**
	 * The threads of a manager that owns them.
	 */
	private static final class OwnedSchedulers implements Disposable {

		private final Scheduler workers;

		private final Scheduler timer;

		OwnedSchedulers(int maxConcurrentResolutions) {
			this.workers = Schedulers.newBoundedElastic(maxConcurrentResolutions, 100_000, "exatlas-fly-tokens", 60,
					true);
			this.timer = Schedulers.newSingle("exatlas-fly-token-refresh", true);
		}

		@Override
		public void dispose() {
			this.timer.dispose();
			try {
				this.workers.disposeGracefully().block(GRACEFUL_SHUTDOWN);
			}
			catch (RuntimeException ex) {
				logger.warn("Fly token tasks were still running after " + GRACEFUL_SHUTDOWN + "; stopping them");
				this.workers.dispose();
			}
		}

	}

	private record Acquired(Secret token, TokenSource source) {
	}

	/**
	 * Each token expires at its own {@code expiresAt}.
	 */
	private static final class TokenExpiry implements Expiry<String, CachedToken> {

		private final Clock clock;

		TokenExpiry(Clock clock) {
			this.clock = clock;
		}

		@Override
		public long expireAfterCreate(String app, CachedToken token, long currentTime) {
			Instant expiresAt = token.expiresAt();
			return (expiresAt != null) ? Math.max(0, TimeUnit.MILLISECONDS.toNanos(expiresAt.toEpochMilli() - this.clock.millis()))
					: Long.MAX_VALUE;
		}

		@Override
		public long expireAfterUpdate(String app, CachedToken token, long currentTime, long currentDuration) {
			return expireAfterCreate(app, token, currentTime);
		}

		@Override
		public long expireAfterRead(String app, CachedToken token, long currentTime, long currentDuration) {
			return currentDuration;
		}

	}

	private final class Reactive implements ReactiveFlyTokens {

		@Override
		public Mono<FlyToken> get(String app) {
			return Mono.defer(() -> {
				long start = System.nanoTime();
				FlyToken hit = fastPath(app, start);
				if (hit != null) {
					return Mono.just(hit);
				}
				FlyAppNames.requireValid(app);
				publishStart(app);
				return Mono.fromFuture(acquire(app, start, false));
			});
		}

		@Override
		public Mono<FlyToken> refresh(String app) {
			return Mono.defer(() -> {
				FlyAppNames.requireValid(app);
				long start = System.nanoTime();
				publishStart(app);
				return Mono.fromFuture(acquire(app, start, true));
			});
		}

		@Override
		public Mono<Void> invalidate(String app) {
			return Mono.defer(() -> {
				FlyAppNames.requireValid(app);
				return Mono.fromFuture(submit(app, () -> {
					evict(app);
					return null;
				}));
			}).then();
		}

		@Override
		public Mono<Void> setManual(String app, String token) {
			return Mono.defer(() -> {
				FlyAppNames.requireValid(app);
				Secret secret = Secret.of(token);
				return Mono.fromFuture(submit(app, () -> {
					persistManual(app, secret);
					return null;
				}));
			}).then();
		}

	}

}
