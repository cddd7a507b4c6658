package io.exatlas.cluster;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import io.exatlas.ErrorKind;
import io.exatlas.ExAtlasException;
import io.exatlas.auth.PresharedTokens;
import io.exatlas.compute.Compute;
import io.exatlas.compute.facade.IdempotentSpawns;
import io.exatlas.compute.facade.LocalIdempotentSpawns;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Idempotent spawns shared by every instance through Redis: the first instance to claim a key (one {@code SET NX}
 * with the window as its expiry) spawns; an instance that meets a claimed key waits for its outcome, polling, and
 * answers it: the resource without its generated credential (the credential never leaves the instance that spawned
 * it), or the failure with its kind. A key still in progress after the wait limit fails with
 * {@link ErrorKind#TIMEOUT} and spawns nothing; the client retries later. Retries that reach the same instance are
 * answered from memory, with the credential. If Redis cannot be reached, the call fails before anything is spawned.
 * Keys are stored as the SHA-256 of provider and key, so a caller's key never appears in Redis.
 */
public class RedisIdempotentSpawns implements IdempotentSpawns {

	private static final Log logger = LogFactory.getLog(RedisIdempotentSpawns.class);

	private static final RedisScript<Long> COMPLETE = RedisScript.of("""
			if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
			local ttl = redis.call('PTTL', KEYS[1])
			if ttl <= 0 then return 0 end
			redis.call('SET', KEYS[1], ARGV[2], 'PX', ttl)
			return 1""", Long.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final StringRedisTemplate redis;

	private final String prefix;

	private final String instanceId;

	private final Duration window;

	private final Duration waitLimit;

	private final Duration pollInterval;

	private final IdempotentSpawns local;

	private final Scheduler redisCalls;

	/**
	 * Create the store.
	 * @param redis the Redis template
	 * @param keyPrefix prefix of every key (e.g. {@code exatlas:})
	 * @param instanceId this instance's id, recorded as the owner of the spawns it runs
	 * @param window how long an outcome answers a repeated key
	 * @param waitLimit how long a call waits for a spawn in progress on another instance
	 * @param pollInterval how often a waiting call reads the key's record
	 * @param clock measures the window of the outcomes kept in memory
	 */
	public RedisIdempotentSpawns(StringRedisTemplate redis, String keyPrefix, String instanceId, Duration window,
			Duration waitLimit, Duration pollInterval, Clock clock) {
		this(redis, keyPrefix, instanceId, window, waitLimit, pollInterval,
				new LocalIdempotentSpawns(window, clock, (failure) -> !(failure instanceof NoOutcome)),
				Schedulers.boundedElastic());
	}

	RedisIdempotentSpawns(StringRedisTemplate redis, String keyPrefix, String instanceId, Duration window,
			Duration waitLimit, Duration pollInterval, IdempotentSpawns local, Scheduler redisCalls) {
		this.redis = Objects.requireNonNull(redis, "redis");
		this.prefix = Objects.requireNonNull(keyPrefix, "keyPrefix");
		this.instanceId = Objects.requireNonNull(instanceId, "instanceId");
		this.window = positive(window, "window");
		this.waitLimit = positive(waitLimit, "waitLimit");
		this.pollInterval = positive(pollInterval, "pollInterval");
		this.local = local;
		this.redisCalls = redisCalls;
	}

	private static Duration positive(Duration value, String name) {
		if (value == null || value.isZero() || value.isNegative()) {
			throw new IllegalArgumentException(name + " must be positive, was " + value);
		}
		return value;
	}

	@Override
	public Mono<Compute> once(String provider, String key, Mono<Compute> spawn) {
		String redisKey = this.prefix + "idempotency:" + PresharedTokens.hash(provider + '\n' + key);
		return this.local.once(provider, key, Mono.defer(() -> claimOrAwait(redisKey, spawn, deadline())));
	}

	private long deadline() {
		return System.nanoTime() + this.waitLimit.toNanos();
	}

	private Mono<Compute> claimOrAwait(String key, Mono<Compute> spawn, long deadline) {
		String pending = JSON.writeValueAsString(IdempotencyRecord.pending(this.instanceId));
		return redisCall(() -> Boolean.TRUE.equals(this.redis.opsForValue().setIfAbsent(key, pending, this.window)))
			.flatMap((claimed) -> claimed ? spawnAndRecord(key, pending, spawn) : await(key, spawn, deadline));
	}

	private Mono<Compute> spawnAndRecord(String key, String pending, Mono<Compute> spawn) {
		return spawn.flatMap((compute) -> record(key, pending, IdempotencyRecord.done(this.instanceId, compute))
			.thenReturn(compute))
			.onErrorResume((ex) -> {
				ExAtlasException failure = (ex instanceof ExAtlasException atlas) ? atlas
						: ExAtlasException.builder(ErrorKind.UNKNOWN).message(ex.getClass().getName()).build();
				return record(key, pending, IdempotencyRecord.failed(this.instanceId, failure)).then(Mono.error(ex));
			});
	}

	private Mono<Void> record(String key, String pending, IdempotencyRecord outcome) {
		String value = JSON.writeValueAsString(outcome);
		return Mono.<Void>fromRunnable(() -> this.redis.execute(COMPLETE, List.of(key), pending, value))
			.subscribeOn(this.redisCalls)
			.onErrorResume((ex) -> {
				logger.warn("The outcome of an idempotent spawn could not be recorded in Redis ("
						+ ex.getClass().getSimpleName() + "); other instances retrying its key wait until their limit");
				return Mono.empty();
			});
	}

	private Mono<Compute> await(String key, Mono<Compute> spawn, long deadline) {
		return redisCall(() -> read(key)).flatMap((found) -> {
			if (found.isEmpty()) {
				// the record expired between the claim and the read: the window is over, claim again
				return claimOrAwait(key, spawn, deadline);
			}
			IdempotencyRecord record = found.get();
			return switch (record.state()) {
				case DONE -> Mono.justOrEmpty(record.compute())
					.switchIfEmpty(Mono.error(() -> ExAtlasException.builder(ErrorKind.UNKNOWN)
						.message("the idempotency record of this key holds no resource")
						.build()));
				case FAILED -> Mono.error(record.failure());
				case PENDING -> (System.nanoTime() - deadline >= 0) ? Mono.error(stillRunning(record))
						: Mono.delay(this.pollInterval).then(Mono.defer(() -> await(key, spawn, deadline)));
			};
		});
	}

	private Optional<IdempotencyRecord> read(String key) {
		String value = this.redis.opsForValue().get(key);
		return Optional.ofNullable((value != null) ? JSON.readValue(value, IdempotencyRecord.class) : null);
	}

	private ExAtlasException stillRunning(IdempotencyRecord record) {
		return new NoOutcome(ExAtlasException.builder(ErrorKind.TIMEOUT)
			.message("a spawn with this idempotency key is still running on instance " + record.owner() + " after "
					+ this.waitLimit + "; retry the call later to get its outcome"));
	}

	private <T> Mono<T> redisCall(Supplier<T> call) {
		return Mono.<T>fromSupplier(call)
			.subscribeOn(this.redisCalls)
			.onErrorMap((ex) -> !(ex instanceof ExAtlasException), (ex) -> new NoOutcome(ExAtlasException
				.builder(ErrorKind.UNKNOWN)
				.message("the idempotency record could not be read or written in Redis (" + ex.getClass().getSimpleName()
						+ "); nothing was spawned")
				.cause(ex)));
	}

	/** A failure that is not a spawn's outcome: the next call with the key asks Redis again. */
	private static final class NoOutcome extends ExAtlasException {

		private static final long serialVersionUID = 1L;

		NoOutcome(ExAtlasException.Builder builder) {
			super(builder);
		}

	}

	@Override
	public String toString() {
		return "RedisIdempotentSpawns[instance=" + this.instanceId + ", window=" + this.window + ", waitLimit="
				+ this.waitLimit + "]";
	}

}
