package io.exatlas.cluster;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.exatlas.ErrorKind;
import io.exatlas.ExAtlasException;
import io.exatlas.pacing.PacingPermits;
import io.exatlas.pacing.PacingRule;
import io.exatlas.pacing.PacingStatus;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.AsyncBucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.codec.ByteArrayCodec;
import reactor.core.publisher.Mono;

/**
 * Pacing permits shared by every instance: one Bucket4j bucket in Redis per rule and key (capacity and interval
 * refill from the rule, so several instances together stay under a cloud's limit), on the application's Lettuce
 * client, standalone or cluster, over one connection of its own. A reservation is one round trip ({@code consumeIgnoringRateLimits}: the permit is
 * taken and the wait returned); one more than {@code maxWait} away is given back and refused. Buckets expire from
 * Redis once full again. If Redis cannot be reached, the request fails ({@code UNKNOWN}) rather than run unpaced.
 */
public class RedisPacingPermits implements PacingPermits, AutoCloseable {

	private final AsyncProxyManager<byte[]> buckets;

	private final String prefix;

	private final AutoCloseable connection;

	private final Cache<String, Known> known = Caffeine.newBuilder()
		.maximumSize(10_000)
		.expireAfterAccess(Duration.ofMinutes(10))
		.build();

	/**
	 * Create the permits on a Lettuce client.
	 * @param client the application's Lettuce client ({@link RedisClient} or {@link RedisClusterClient})
	 * @param keyPrefix prefix of every key (e.g. {@code exatlas:})
	 */
	public RedisPacingPermits(AbstractRedisClient client, String keyPrefix) {
		Objects.requireNonNull(client, "client");
		ExpirationAfterWriteStrategy expiry = ExpirationAfterWriteStrategy
			.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10));
		if (client instanceof RedisClusterClient cluster) {
			var connected = cluster.connect(ByteArrayCodec.INSTANCE);
			this.connection = connected;
			this.buckets = Bucket4jLettuce.casBasedBuilder(connected).expirationAfterWrite(expiry).build().asAsync();
		}
		else if (client instanceof RedisClient standalone) {
			var connected = standalone.connect(ByteArrayCodec.INSTANCE);
			this.connection = connected;
			this.buckets = Bucket4jLettuce.casBasedBuilder(connected).expirationAfterWrite(expiry).build().asAsync();
		}
		else {
			throw new IllegalArgumentException("unsupported Lettuce client " + client.getClass().getName());
		}
		this.prefix = Objects.requireNonNull(keyPrefix, "keyPrefix") + "pacing:";
	}

	@Override
	public Mono<Long> reserve(PacingRule rule, String key, Duration maxWait) {
		return Mono.defer(() -> {
			Known bucket = bucket(rule, key);
			return Mono.fromFuture(bucket.proxy().consumeIgnoringRateLimits(1))
				.flatMap((wait) -> (wait <= maxWait.toNanos()) ? Mono.just(wait)
						: Mono.fromFuture(bucket.proxy().addTokens(1)).thenReturn(-1L));
		}).onErrorMap((ex) -> !(ex instanceof ExAtlasException), (ex) -> ExAtlasException
			.builder(ErrorKind.UNKNOWN)
			.provider(rule.provider())
			.message("the shared pacing limit in Redis could not be read (" + ex.getClass().getSimpleName()
					+ "); nothing was sent")
			.cause(ex)
			.build());
	}

	@Override
	public void changeLimit(String provider, Duration period, int limit) {
		this.known.asMap()
			.values()
			.stream()
			.filter((bucket) -> bucket.rule().provider().equals(provider) && bucket.rule().period().equals(period)
					&& bucket.limit() != limit)
			.forEach((bucket) -> {
				bucket.proxy()
					.replaceConfiguration(configuration(limit, period), TokensInheritanceStrategy.PROPORTIONALLY);
				this.known.put(bucket.name(), bucket.withLimit(limit));
			});
	}

	@Override
	public List<PacingStatus> status() {
		List<PacingStatus> statuses = new ArrayList<>();
		for (Known bucket : this.known.asMap().values()) {
			Long available;
			try {
				available = bucket.proxy().getAvailableTokens().get(2, TimeUnit.SECONDS);
			}
			catch (Exception ex) {
				continue;
			}
			statuses.add(new PacingStatus(bucket.rule().provider(), bucket.rule().name(), bucket.key(), bucket.limit(),
					bucket.rule().period(), (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, available))));
		}
		statuses.sort(Comparator.comparing(PacingStatus::provider)
			.thenComparing(PacingStatus::rule)
			.thenComparing(PacingStatus::key));
		return statuses;
	}

	/**
	 * Close the connection to Redis (the library's own, one per application).
	 * @throws Exception when closing fails
	 */
	@Override
	public void close() throws Exception {
		this.connection.close();
	}

	private Known bucket(PacingRule rule, String key) {
		String name = this.prefix + rule.name() + ':' + key;
		return this.known.get(name, (ignored) -> {
			BucketConfiguration configuration = configuration(rule.limit(), rule.period());
			AsyncBucketProxy proxy = this.buckets.builder()
				.build(name.getBytes(StandardCharsets.UTF_8), () -> CompletableFuture.completedFuture(configuration));
			return new Known(name, rule, key, rule.limit(), proxy);
		});
	}

	private static BucketConfiguration configuration(int limit, Duration period) {
		return BucketConfiguration.builder()
			.addLimit((bandwidth) -> bandwidth.capacity(limit).refillIntervally(limit, period))
			.build();
	}

	private record Known(String name, PacingRule rule, String key, int limit, AsyncBucketProxy proxy) {

		Known withLimit(int limit) {
			return new Known(this.name, this.rule, this.key, limit, this.proxy);
		}

	}

}
