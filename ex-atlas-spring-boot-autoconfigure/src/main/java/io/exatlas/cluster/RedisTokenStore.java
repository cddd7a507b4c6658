package io.exatlas.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import io.exatlas.Secret;
import io.exatlas.fly.tokens.StoredToken;
import io.exatlas.fly.tokens.TokenKind;
import io.exatlas.fly.tokens.TokenStore;
import io.exatlas.internal.WireJson;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * A {@link TokenStore} in Redis, shared by every instance of an application: one key per app and kind holding the
 * token and its expiry; Redis drops an acquired token's key an hour after the token expired. Deleting an app's acquired token
 * announces it on a channel so that the other instances drop their cached copy ({@link RedisTokenInvalidations}).
 * {@link #acquireExclusively} holds a per-app lock with a lease, so a cold start or an expiry costs one CLI call per
 * cluster.
 * <p>
 * Token values are stored in clear in Redis: protect it like the secrets it holds (ACLs, TLS, a private network).
 * They never appear in logs, exceptions or {@code toString()}.
 */
public class RedisTokenStore implements TokenStore {

	private static final Log logger = LogFactory.getLog(RedisTokenStore.class);

	private static final Duration LOCK_POLL = Duration.ofMillis(25);

	/** An expired record is kept this long (the token manager ignores it), then Redis drops it. */
	private static final Duration EXPIRED_RECORD_GRACE = Duration.ofHours(1);

	private static final RedisScript<Long> RELEASE = RedisScript.of(
			"if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0", Long.class);

	private final StringRedisTemplate redis;

	private final String prefix;

	private final Clock clock;

	private final String instanceId = UUID.randomUUID().toString();

	/**
	 * Create the store.
	 * @param redis the Redis template
	 * @param keyPrefix prefix of every key and channel (e.g. {@code exatlas:})
	 * @param clock the wall clock (expiry)
	 */
	public RedisTokenStore(StringRedisTemplate redis, String keyPrefix, Clock clock) {
		this.redis = redis;
		this.prefix = keyPrefix;
		this.clock = clock;
	}

	@Override
	public Optional<StoredToken> get(String app, TokenKind kind) {
		String value;
		try {
			value = this.redis.opsForValue().get(key(app, kind));
		}
		catch (RuntimeException ex) {
			logger.warn("Could not read the Fly token of app " + app + " from Redis (" + ex.getClass().getSimpleName()
					+ "); treating it as absent");
			return Optional.empty();
		}
		return (value != null) ? parse(app, value) : Optional.empty();
	}

	@Override
	public void put(String app, TokenKind kind, StoredToken token) {
		ObjectNode value = WireJson.object().put("token", token.token().reveal());
		if (token.expiresAt() != null) {
			value.put("expiresAt", token.expiresAt().toString());
			Duration untilExpiry = Duration.between(this.clock.instant(), token.expiresAt());
			Duration ttl = (untilExpiry.isNegative() ? Duration.ZERO : untilExpiry).plus(EXPIRED_RECORD_GRACE);
			this.redis.opsForValue().set(key(app, kind), value.toString(), ttl);
		}
		else {
			this.redis.opsForValue().set(key(app, kind), value.toString());
		}
	}

	@Override
	public void delete(String app, TokenKind kind) {
		this.redis.delete(key(app, kind));
		if (kind == TokenKind.CACHED) {
			this.redis.convertAndSend(invalidationChannel(), this.instanceId + " " + app);
		}
	}

	@Override
	public <T> T acquireExclusively(String app, Duration timeout, Supplier<T> acquisition) {
		String lock = this.prefix + "fly:tokens:" + app + ":lock";
		String owner = UUID.randomUUID().toString();
		Instant deadline = this.clock.instant().plus(timeout);
		while (!Boolean.TRUE.equals(this.redis.opsForValue().setIfAbsent(lock, owner, timeout))) {
			if (!this.clock.instant().isBefore(deadline)) {
				logger.warn("Another instance held the Fly token lock of app " + app + " for " + timeout
						+ "; acquiring without it");
				return acquisition.get();
			}
			sleep(LOCK_POLL);
		}
		try {
			return acquisition.get();
		}
		finally {
			this.redis.execute(RELEASE, List.of(lock), owner);
		}
	}

	/**
	 * The channel on which deleted acquired tokens are announced, as {@code <instance> <app>}.
	 * @return the channel name
	 */
	public String invalidationChannel() {
		return this.prefix + "fly:tokens:invalidated";
	}

	/**
	 * Whether an announcement on the invalidation channel came from this store (this instance).
	 * @param announcement the message
	 * @return whether it is this instance's own
	 */
	boolean isOwn(String announcement) {
		return announcement.startsWith(this.instanceId + " ");
	}

	private String key(String app, TokenKind kind) {
		return this.prefix + "fly:tokens:" + app + ":" + kind.name().toLowerCase(Locale.ROOT);
	}

	private static Optional<StoredToken> parse(String app, String value) {
		try {
			JsonNode node = WireJson.mapper().readTree(value);
			String token = WireJson.text(node, "token");
			String expiresAt = WireJson.text(node, "expiresAt");
			if (token == null) {
				throw new IllegalArgumentException("no token");
			}
			return Optional.of(new StoredToken(Secret.of(token), (expiresAt != null) ? Instant.parse(expiresAt) : null));
		}
		catch (RuntimeException ex) {
			logger.warn("Ignoring an unreadable Fly token record of app " + app + " in Redis ("
					+ ex.getClass().getSimpleName() + ")");
			return Optional.empty();
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while waiting for another instance's Fly token acquisition",
					ex);
		}
	}

	@Override
	public String toString() {
		return "RedisTokenStore[prefix=" + this.prefix + "]";
	}

}
