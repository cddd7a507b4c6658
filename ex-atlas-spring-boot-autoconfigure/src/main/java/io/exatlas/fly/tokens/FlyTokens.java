package io.exatlas.fly.tokens;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.exatlas.ErrorKind;
import io.exatlas.ExAtlasException;
import io.exatlas.Secret;
import io.exatlas.event.ExAtlasEventPublisher;
import io.exatlas.fly.FlyAppNames;
import io.exatlas.fly.tokens.TokenCache.CachedToken;
import io.exatlas.fly.tokens.TokenTelemetry.Span;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Fly.io tokens per app, resolved through a chain where the first hit wins:
 * <ol>
 * <li>the cache: a valid token returns at once in the caller's thread, without any lock (source {@code CACHE},
 * acquirer {@code FACADE});</li>
 * <li>the app's resolver, which handles one request at a time: a caller queued behind another finds the token the
 * first one cached (source {@code CACHE}, acquirer {@code APP_SERVER}); different apps resolve in parallel;</li>
 * <li>the durable {@link TokenStore}: a valid acquired token (source {@code STORAGE});</li>
 * <li>{@code FLY_ACCESS_TOKEN} or {@code FLY_API_TOKEN}, when the builder was given an environment (source
 * {@code ENVIRONMENT});</li>
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
 * <p>
 * Build one with {@link #builder(TokenStore, FlyCliTokenIssuer)}. The chain itself lives in package-private
 * collaborators: the cache, the per-app resolvers, the chain past the cache, the refresh-ahead timers and the
 * telemetry.
 */
public class FlyTokens implements AutoCloseable {

	private final TokenStore store;

	private final FlyTokenSettings settings;

	private final TokenCache cache;

	private final AppResolvers resolvers;

	private final RefreshAhead refreshAhead;

	private final TokenChain chain;

	private final TokenTelemetry telemetry;

	private final @Nullable Disposable ownedSchedulers;

	private final ReactiveFlyTokens reactive = new Reactive();

	private FlyTokens(Builder builder) {
		this.store = builder.store;
		this.settings = builder.settings;
		OwnedSchedulers owned = (builder.workers == null) ? new OwnedSchedulers(builder.maxConcurrentResolutions)
				: null;
		Scheduler workers = (owned != null) ? owned.workers : Objects.requireNonNull(builder.workers);
		Scheduler timer = (owned != null) ? owned.timer : Objects.requireNonNull(builder.timer);
		this.ownedSchedulers = owned;
		this.telemetry = new TokenTelemetry(this, builder.events, builder.clock, builder.observations);
		this.cache = new TokenCache(this.settings.cacheMaximumSize(), builder.clock, timer,
				this.telemetry.statistics()::hitCounter);
		this.resolvers = new AppResolvers(workers::schedule);
		this.refreshAhead = new RefreshAhead(this.settings.softRefreshLead(), builder.clock, timer);
		this.chain = new TokenChain(builder.store, builder.configFile, builder.cli, builder.environment, this.settings,
				builder.clock, this.cache, this.refreshAhead, this.resolvers);
	}

	/**
	 * Start building a token manager.
	 * @param store the durable store
	 * @param cli the CLI step
	 * @return a builder
	 */
	public static Builder builder(TokenStore store, FlyCliTokenIssuer cli) {
		return new Builder(store, cli);
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
		boolean timed = this.telemetry.timesHits();
		long start = timed ? System.nanoTime() : 0L;
		FlyToken hit = fastPath(app, timed, start);
		if (hit != null) {
			return hit;
		}
		Span span = validSpan(app, timed ? start : System.nanoTime());
		return await(app, span, acquire(app, span, false));
	}

	/**
	 * Drop the app's cached and stored token and acquire a new one, atomically: no concurrent caller sees the old
	 * token once the refresh has started.
	 * @param app the Fly app
	 * @return the new token
	 */
	public FlyToken refresh(String app) {
		Span span = validSpan(app, System.nanoTime());
		return await(app, span, acquire(app, span, true));
	}

	/**
	 * Drop the app's cached token and its stored acquired token (the manual override stays).
	 * @param app the Fly app
	 */
	public void invalidate(String app) {
		FlyAppNames.requireValid(app);
		join(this.resolvers.submit(app, () -> {
			this.chain.evict(app);
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
		join(this.resolvers.submit(app, () -> {
			this.chain.dropCached(app);
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
		join(this.resolvers.submit(app, () -> {
			this.chain.persistManual(app, secret);
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
		return this.telemetry.statistics();
	}

	/**
	 * Statistics of the token cache: hits (fast-path hits and callers that found the token another one cached),
	 * misses of the fast path, and evictions (expired or over the maximum size).
	 * @return the statistics, in Caffeine's shape
	 */
	public CacheStats cacheStatistics() {
		Map<TokenSource, Map<TokenAcquirer, Long>> counts = this.telemetry.statistics().total().counts();
		long hits = counts.getOrDefault(TokenSource.CACHE, Map.of()).values().stream().mapToLong(Long::longValue).sum();
		return CacheStats.of(hits, this.cache.misses(), 0, 0, 0, this.cache.evictions(), 0);
	}

	/**
	 * What is cached for each app: where its token came from and when it expires (never the token).
	 * @return app name → cached token state
	 */
	public Map<String, TokenState> cachedTokens() {
		return this.cache.states();
	}

	/**
	 * The app names this manager has resolved or was asked about.
	 * @return the app names
	 */
	public Set<String> apps() {
		return this.resolvers.apps();
	}

	/**
	 * Cancel the background refreshes and release the threads this manager created, after letting queued work
	 * (such as persisting a just-acquired token) finish, for at most 10 seconds.
	 */
	@Override
	public void close() {
		this.refreshAhead.cancelAll();
		if (this.ownedSchedulers != null) {
			this.ownedSchedulers.dispose();
		}
	}

	/**
	 * A cache hit, counted, with its start and stop events when something listens for them; {@code null} on a miss
	 * (nothing published). Only valid names are ever cached, so the name check (a regex) is left to the miss path.
	 * Nothing here reads a clock unless a listener wants the hit's duration.
	 */
	private @Nullable FlyToken fastPath(@Nullable String app, boolean timed, long start) {
		CachedToken cached = (app != null) ? this.cache.hit(app) : null;
		if (cached == null) {
			return null;
		}
		cached.hits().increment();
		this.telemetry.hit(app, timed, start);
		return cached.token();
	}

	/**
	 * Start an acquire call's span and check the app name: an invalid name ends the span at once as a
	 * {@code VALIDATION} exception, as the reference wraps every call.
	 */
	private Span validSpan(@Nullable String app, long start) {
		Span span = this.telemetry.span(app, start);
		try {
			FlyAppNames.requireValid(app);
		}
		catch (ExAtlasException ex) {
			span.exception(ex);
			throw ex;
		}
		return span;
	}

	private CompletableFuture<FlyToken> acquire(String app, Span span, boolean refresh) {
		Observation observation = this.telemetry.startResolution(app, refresh);
		CompletableFuture<Resolution> resolution = refresh ? this.resolvers.submit(app, () -> this.chain.run(app, true))
				: this.resolvers.resolution(app, () -> this.chain.resolve(app));
		return resolution.handle((resolved, failure) -> {
			TokenTelemetry.resolved(observation, (failure != null) ? null : resolved.source());
			if (failure != null) {
				Throwable cause = unwrap(failure);
				span.exception(cause);
				throw (cause instanceof ExAtlasException atlas) ? atlas : new CompletionException(cause);
			}
			span.stop(resolved.source(), TokenAcquirer.APP_SERVER);
			if (resolved.token() == null) {
				this.telemetry.nothingFound(app);
				throw ExAtlasException.builder(ErrorKind.UNAUTHORIZED)
					.provider("fly")
					.message("no Fly token available for app " + app
							+ " (tried the cache, the token store, the flyctl config file, the fly CLI and the manual"
							+ " override)")
					.build();
			}
			return resolved.token();
		}).whenComplete((token, failure) -> {
			if (failure != null) {
				observation.error(unwrap(failure));
			}
			observation.stop();
		});
	}

	private FlyToken await(String app, Span span, CompletableFuture<FlyToken> acquisition) {
		try {
			return acquisition.get(this.settings.callTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			// This call ends here; the resolution carries on and fills the cache for the next caller, without a
			// second end for this call.
			ExAtlasException timeout = ExAtlasException.builder(ErrorKind.TIMEOUT)
				.provider("fly")
				.message("no Fly token for app " + app + " within " + this.settings.callTimeout())
				.build();
			span.exception(timeout);
			throw timeout;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			ExAtlasException interrupted = ExAtlasException.builder(ErrorKind.CANCELLED)
				.provider("fly")
				.message("interrupted while waiting for the Fly token of app " + app)
				.cause(ex)
				.build();
			span.exception(interrupted);
			throw interrupted;
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

	private static ExAtlasException cancelled(String app) {
		return ExAtlasException.builder(ErrorKind.CANCELLED)
			.provider("fly")
			.message("the caller cancelled the Fly token acquisition of app " + app)
			.build();
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

	/**
	 * Builds a {@link FlyTokens}. Without {@link #schedulers(Scheduler, Scheduler)} the manager creates threads of
	 * its own, released by {@link FlyTokens#close()}: up to {@link #maxConcurrentResolutions(int)} apps resolve at
	 * the same time (threads are created on demand and idle ones expire), and one timer thread schedules the
	 * background refreshes.
	 */
	public static final class Builder {

		private final TokenStore store;

		private final FlyCliTokenIssuer cli;

		private @Nullable FlyConfigFile configFile;

		private Function<String, @Nullable String> environment = (variable) -> null;

		private FlyTokenSettings settings = FlyTokenSettings.defaults();

		private ExAtlasEventPublisher events = ExAtlasEventPublisher.noop();

		private Clock clock = Clock.systemUTC();

		private ObservationRegistry observations = ObservationRegistry.NOOP;

		private @Nullable Scheduler workers;

		private @Nullable Scheduler timer;

		private int maxConcurrentResolutions = 128;

		private Builder(TokenStore store, FlyCliTokenIssuer cli) {
			this.store = Objects.requireNonNull(store, "store");
			this.cli = Objects.requireNonNull(cli, "cli");
		}

		/**
		 * Read flyctl's config file as a step of the chain.
		 * @param configFile the config file, or {@code null} to skip that step (the default)
		 * @return this builder
		 */
		public Builder configFile(@Nullable FlyConfigFile configFile) {
			this.configFile = configFile;
			return this;
		}

		/**
		 * Read {@code FLY_ACCESS_TOKEN} and {@code FLY_API_TOKEN} as a step of the chain, before {@code config.yml}
		 * (as flyctl does). Such a token is the user's own: cached, never copied into the store.
		 * @param environment looks a variable up, e.g. {@code System::getenv} or Spring's
		 * {@code Environment::getProperty} (the default reads none)
		 * @return this builder
		 */
		public Builder environment(Function<String, @Nullable String> environment) {
			this.environment = Objects.requireNonNull(environment, "environment");
			return this;
		}

		/**
		 * Tune the chain.
		 * @param settings the settings (default {@link FlyTokenSettings#defaults()})
		 * @return this builder
		 */
		public Builder settings(FlyTokenSettings settings) {
			this.settings = Objects.requireNonNull(settings, "settings");
			return this;
		}

		/**
		 * Publish acquisition events.
		 * @param events where they go (default: nowhere)
		 * @return this builder
		 */
		public Builder events(ExAtlasEventPublisher events) {
			this.events = Objects.requireNonNull(events, "events");
			return this;
		}

		/**
		 * The wall clock of token expiry and events.
		 * @param clock the clock (default UTC system clock)
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			this.clock = Objects.requireNonNull(clock, "clock");
			return this;
		}

		/**
		 * Observe resolutions by the chain (cache misses).
		 * @param observations the registry (default none)
		 * @return this builder
		 */
		public Builder observations(ObservationRegistry observations) {
			this.observations = Objects.requireNonNull(observations, "observations");
			return this;
		}

		/**
		 * Run on the caller's schedulers instead of threads of the manager's own.
		 * @param workers runs the app resolvers (blocking I/O: store, config file, CLI)
		 * @param timer schedules the background refreshes
		 * @return this builder
		 */
		public Builder schedulers(Scheduler workers, Scheduler timer) {
			this.workers = Objects.requireNonNull(workers, "workers");
			this.timer = Objects.requireNonNull(timer, "timer");
			return this;
		}

		/**
		 * How many apps may resolve at the same time on the manager's own threads (ignored with
		 * {@link #schedulers(Scheduler, Scheduler)}).
		 * @param maxConcurrentResolutions the bound (default 128)
		 * @return this builder
		 */
		public Builder maxConcurrentResolutions(int maxConcurrentResolutions) {
			if (maxConcurrentResolutions < 1) {
				throw new IllegalArgumentException("maxConcurrentResolutions must be at least 1");
			}
			this.maxConcurrentResolutions = maxConcurrentResolutions;
			return this;
		}

		/**
		 * Build the manager.
		 * @return the manager
		 */
		public FlyTokens build() {
			return new FlyTokens(this);
		}

	}

	private final class Reactive implements ReactiveFlyTokens {

		@Override
		public Mono<FlyToken> get(String app) {
			return Mono.defer(() -> {
				boolean timed = FlyTokens.this.telemetry.timesHits();
				long start = timed ? System.nanoTime() : 0L;
				FlyToken hit = fastPath(app, timed, start);
				if (hit != null) {
					return Mono.just(hit);
				}
				Span span = validSpan(app, timed ? start : System.nanoTime());
				return Mono.fromFuture(acquire(app, span, false))
					.doOnCancel(() -> span.exception(cancelled(app)));
			});
		}

		@Override
		public Mono<FlyToken> refresh(String app) {
			return Mono.defer(() -> {
				Span span = validSpan(app, System.nanoTime());
				return Mono.fromFuture(acquire(app, span, true)).doOnCancel(() -> span.exception(cancelled(app)));
			});
		}

		@Override
		public Mono<Void> invalidate(String app) {
			return Mono.defer(() -> {
				FlyAppNames.requireValid(app);
				return Mono.fromFuture(FlyTokens.this.resolvers.submit(app, () -> {
					FlyTokens.this.chain.evict(app);
					return null;
				}));
			}).then();
		}

		@Override
		public Mono<Void> setManual(String app, String token) {
			return Mono.defer(() -> {
				FlyAppNames.requireValid(app);
				Secret secret = Secret.of(token);
				return Mono.fromFuture(FlyTokens.this.resolvers.submit(app, () -> {
					FlyTokens.this.chain.persistManual(app, secret);
					return null;
				}));
			}).then();
		}

	}

}
