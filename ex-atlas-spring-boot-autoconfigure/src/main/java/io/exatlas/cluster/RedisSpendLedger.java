package io.exatlas.cluster;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.exatlas.spend.SpendLedger;
import io.exatlas.spend.SpendScope;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * A {@link SpendLedger} in Redis, shared by every instance: one float counter per scope and calendar day
 * ({@code <prefix>spend:<scope>:<yyyy-mm-dd>}), raised with {@code INCRBYFLOAT} (atomic, so concurrent settlements
 * from several instances add up) and expiring after the retention. A total over a period is one {@code MGET}.
 */
public class RedisSpendLedger implements SpendLedger {

	private final StringRedisTemplate redis;

	private final String prefix;

	private final long retentionSeconds;

	/**
	 * Create the ledger.
	 * @param redis the Redis template
	 * @param keyPrefix prefix of every key (e.g. {@code exatlas:})
	 * @param retention how long a day's totals are kept (at least 31 days)
	 */
	public RedisSpendLedger(StringRedisTemplate redis, String keyPrefix, Duration retention) {
		if (retention.compareTo(Duration.ofDays(31)) < 0) {
			throw new IllegalArgumentException("retention must be at least 31 days, was " + retention);
		}
		this.redis = Objects.requireNonNull(redis, "redis");
		this.prefix = Objects.requireNonNull(keyPrefix, "keyPrefix");
		this.retentionSeconds = retention.toSeconds();
	}

	@Override
	public void add(String provider, @Nullable String userId, LocalDate day, BigDecimal amount) {
		if (amount.signum() <= 0) {
			return;
		}
		List<String> keys = new ArrayList<>(3);
		keys.add(key(SpendScope.all(), day));
		keys.add(key(SpendScope.provider(provider), day));
		if (userId != null) {
			keys.add(key(SpendScope.user(userId), day));
		}
		double value = amount.doubleValue();
		this.redis.executePipelined((RedisCallback<Object>) (connection) -> {
			for (String key : keys) {
				byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
				connection.stringCommands().incrBy(bytes, value);
				connection.keyCommands().expire(bytes, this.retentionSeconds);
			}
			return null;
		});
	}

	@Override
	public BigDecimal total(SpendScope scope, LocalDate from, LocalDate to) {
		List<String> keys = new ArrayList<>();
		// Days older than the retention have expired: a range never asks for more keys than can exist.
		LocalDate oldest = to.minusDays(this.retentionSeconds / 86_400);
		for (LocalDate day = from.isBefore(oldest) ? oldest : from; !day.isAfter(to); day = day.plusDays(1)) {
			keys.add(key(scope, day));
		}
		if (keys.isEmpty()) {
			return BigDecimal.ZERO;
		}
		List<String> values = this.redis.opsForValue().multiGet(keys);
		BigDecimal total = BigDecimal.ZERO;
		if (values != null) {
			for (String value : values) {
				if (value != null) {
					total = total.add(new BigDecimal(value));
				}
			}
		}
		return total;
	}

	private String key(SpendScope scope, LocalDate day) {
		return this.prefix + "spend:" + scope.key() + ":" + day;
	}

	@Override
	public String toString() {
		return "RedisSpendLedger[prefix=" + this.prefix + "]";
	}

}
