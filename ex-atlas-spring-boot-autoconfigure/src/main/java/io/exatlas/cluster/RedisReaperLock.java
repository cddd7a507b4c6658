package io.exatlas.cluster;

import java.time.Duration;
import java.util.List;

import io.exatlas.orchestrator.ReaperLock;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The cluster's reaper lease in Redis: one key holding the id of the instance that runs the reaper, expiring with the
 * lease. The holder renews it at its next run; another instance gets it only once it expired (its holder stopped or
 * died).
 */
public class RedisReaperLock implements ReaperLock {

	private static final RedisScript<Long> ACQUIRE = RedisScript.of("""
			local holder = redis.call('GET', KEYS[1])
			if holder == false or holder == ARGV[1] then
				redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
				return 1
			end
			return 0""", Long.class);

	private final StringRedisTemplate redis;

	private final String key;

	/**
	 * Create the lock.
	 * @param redis the Redis template
	 * @param keyPrefix prefix of every key (e.g. {@code exatlas:})
	 */
	public RedisReaperLock(StringRedisTemplate redis, String keyPrefix) {
		this.redis = redis;
		this.key = keyPrefix + "orchestrator:reaper:lease";
	}

	@Override
	public boolean tryAcquire(String holder, Duration lease) {
		return Long.valueOf(1)
			.equals(this.redis.execute(ACQUIRE, List.of(this.key), holder, Long.toString(lease.toMillis())));
	}

}
