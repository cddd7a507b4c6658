package io.exatlas.fly.tokens;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import io.exatlas.ErrorKind;
import io.exatlas.ExAtlasException;
import io.exatlas.Secret;
import io.exatlas.internal.Redaction;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The resolution chain behind the cache, run on the app's resolver: the durable {@link TokenStore},
 * {@code FLY_ACCESS_TOKEN} / {@code FLY_API_TOKEN}, flyctl's {@code config.yml}, the {@code fly} CLI (with a back-off after a failure), the manual override, then nothing.
 * Acquired tokens are stored before they are handed out (inside {@link TokenStore#acquireExclusively}, so a shared
 * store costs one CLI call per cluster), cached, and refreshed ahead of their expiry.
 */
final class TokenChain {

	private static final Log logger = LogFactory.getLog(FlyTokens.class);

	private final TokenStore store;

	private final @Nullable FlyConfigFile configFile;

	private final FlyCliTokenIssuer cli;

	private final Function<String, @Nullable String> environment;

	private final FlyTokenSettings settings;

	private final Clock clock;

	private final TokenCache cache;

	private final RefreshAhead refreshAhead;

	private final AppResolvers resolvers;

	/** The environment variables flyctl reads a token from, in its order. */
	static final List<String> ENVIRONMENT_VARIABLES = List.of("FLY_ACCESS_TOKEN", "FLY_API_TOKEN");

	private final Map<String, Instant> cliBackoffUntil = new ConcurrentHashMap<>();

	/**
	 * Stored tokens a cloud rejected that the store could not delete (a full disk, a read-only store): never served
	 * from storage again, until the store holds another token for the app.
	 */
	private final Map<String, Secret> rejected = new ConcurrentHashMap<>();

	private final AtomicBoolean storeFailing = new AtomicBoolean();

	TokenChain(TokenStore store, @Nullable FlyConfigFile configFile, FlyCliTokenIssuer cli,
			Function<String, @Nullable String> environment, FlyTokenSettings settings, Clock clock, TokenCache cache,
			RefreshAhead refreshAhead, AppResolvers resolvers) {
		this.store = store;
		this.configFile = configFile;
		this.cli = cli;
		this.environment = environment;
		this.settings = settings;
		this.clock = clock;
		this.cache = cache;
		this.refreshAhead = refreshAhead;
		this.resolvers = resolvers;
	}

	/**
	 * Resolve a cache miss: a caller queued behind another finds the token that one cached.
	 * @param app the app
	 * @return the resolution
	 */
	Resolution resolve(String app) {
		FlyToken cached = this.cache.get(app);
		if (cached != null) {
			return new Resolution(TokenSource.CACHE, cached);
		}
		return run(app, false);
	}

	/**
	 * Run the chain past the cache.
	 * @param app the app
	 * @param refresh whether to drop the cached and stored token first
	 * @return the resolution
	 */
	Resolution run(String app, boolean refresh) {
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

	/**
	 * Drop the app's cached token and its stored acquired token (the manual override stays).
	 * @param app the app
	 */
	void evict(String app) {
		dropCached(app);
		StoredToken stored = read(app, TokenKind.CACHED);
		try {
			this.store.delete(app, TokenKind.CACHED);
			this.rejected.remove(app);
			storeSucceeded();
		}
		catch (RuntimeException ex) {
			if (stored != null) {
				this.rejected.put(app, stored.token());
			}
			storeFailed("delete the stored Fly token for app " + app, ex, (stored != null) ? stored.token() : null,
					"it is remembered as rejected and never served from storage again");
		}
	}

	/**
	 * Drop the app's cached token in this instance only.
	 * @param app the app
	 */
	void dropCached(String app) {
		this.cache.invalidate(app);
		this.refreshAhead.cancel(app);
	}

	/**
	 * Persist the app's manual override.
	 * @param app the app
	 * @param token the token
	 * @throws ExAtlasException when the store failed
	 */
	void persistManual(String app, Secret token) {
		try {
			this.store.put(app, TokenKind.MANUAL, new StoredToken(token, null));
			storeSucceeded();
		}
		catch (RuntimeException ex) {
			storeFailed("persist the manual Fly token for app " + app, ex, token, "the override is not set");
			throw ExAtlasException.builder(ErrorKind.UNKNOWN)
				.provider("fly")
				.message("the manual token for app " + app + " could not be persisted: " + ex.getClass().getSimpleName())
				.cause(ex)
				.build();
		}
	}

	private @Nullable StoredToken readValid(String app, Instant now) {
		StoredToken stored = read(app, TokenKind.CACHED);
		if (stored != null && stored.token().equals(this.rejected.get(app))) {
			return null;
		}
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
		if (acquired.source() != TokenSource.CONFIG && acquired.source() != TokenSource.ENVIRONMENT) {
			// config.yml and the environment hold the user's own token: kept in memory, never copied to the store
			persistAcquired(app, new StoredToken(acquired.token(), expiresAt));
		}
		return new Resolution(acquired.source(), remember(app, acquired.token(), acquired.source(), expiresAt));
	}

	private @Nullable Acquired acquireFresh(String app, Instant now) {
		for (String variable : ENVIRONMENT_VARIABLES) {
			Secret token = Secret.ofNullable(this.environment.apply(variable));
			if (token != null) {
				return new Acquired(token, TokenSource.ENVIRONMENT);
			}
		}
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
		FlyToken remembered = this.cache.put(app, token, origin, expiresAt);
		this.refreshAhead.schedule(app, expiresAt, () -> this.resolvers.execute(app, () -> refreshAhead(app)));
		return remembered;
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

	private void persistAcquired(String app, StoredToken token) {
		try {
			this.store.put(app, TokenKind.CACHED, token);
			this.rejected.remove(app);
			storeSucceeded();
		}
		catch (RuntimeException ex) {
			storeFailed("persist the Fly token for app " + app, ex, token.token(), "it stays cached in memory");
		}
	}

	/**
	 * Log a failed store write: at ERROR with the store's own words (its path and cause; any token scrubbed) the
	 * first time after a success, at DEBUG while the store keeps failing, so a read-only store is one clear line,
	 * not one per token.
	 */
	private void storeFailed(String what, RuntimeException ex, @Nullable Secret token, String consequence) {
		String line = "Could not " + what + " (" + Redaction.scrub(String.valueOf(ex.getMessage()), token) + "); "
				+ consequence;
		if (this.storeFailing.compareAndSet(false, true)) {
			logger.error(line + ". Further failures of the token store are logged at DEBUG until it works again");
		}
		else {
			logger.debug(line);
		}
	}

	private void storeSucceeded() {
		if (this.storeFailing.compareAndSet(true, false)) {
			logger.info("The Fly token store works again");
		}
	}

	private @Nullable StoredToken read(String app, TokenKind kind) {
		try {
			return this.store.get(app, kind).orElse(null);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not read the " + kind.name().toLowerCase(Locale.ROOT) + " Fly token of app " + app
					+ " from the store (" + ex.getClass().getSimpleName() + ")");
			return null;
		}
	}

	private record Acquired(Secret token, TokenSource source) {
	}

}
