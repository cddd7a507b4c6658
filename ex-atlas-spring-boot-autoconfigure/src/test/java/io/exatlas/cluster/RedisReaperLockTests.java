package io.exatlas.cluster;

import java.time.Duration;

import io.exatlas.support.RedisServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The reaper lease on a real Redis: one holder at a time, renewable by its holder, and taken over only once it
 * expired.
 */
class RedisReaperLockTests {

	@RegisterExtension
	static final RedisServer redis = new RedisServer();

	private final RedisReaperLock lock = new RedisReaperLock(redis.template(), "exatlas:");

	@BeforeEach
	void emptyRedis() {
		redis.flushAll();
	}

	@Test
	void theHolderRenewsAndNoOneElseGetsTheLeaseWhileItLasts() {
		assertThat(this.lock.tryAcquire("a", Duration.ofMinutes(1))).isTrue();
		assertThat(this.lock.tryAcquire("b", Duration.ofMinutes(1))).isFalse();
		assertThat(this.lock.tryAcquire("a", Duration.ofMinutes(1))).isTrue();
		assertThat(this.lock.tryAcquire("b", Duration.ofMinutes(1))).isFalse();
		assertThat(redis.template().opsForValue().get("exatlas:orchestrator:reaper:lease")).isEqualTo("a");
	}

	@Test
	void anotherInstanceTakesTheLeaseOverOnceItExpired() {
		assertThat(this.lock.tryAcquire("a", Duration.ofMillis(300))).isTrue();
		assertThat(this.lock.tryAcquire("b", Duration.ofMinutes(1))).isFalse();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.lock.tryAcquire("b", Duration.ofMinutes(1)));
		assertThat(this.lock.tryAcquire("a", Duration.ofMillis(300))).isFalse();
	}

	@Test
	void aRenewalExtendsTheLease() {
		assertThat(this.lock.tryAcquire("a", Duration.ofMillis(400))).isTrue();
		assertThat(this.lock.tryAcquire("a", Duration.ofMinutes(1))).isTrue();
		assertThat(redis.template().getExpire("exatlas:orchestrator:reaper:lease")).isGreaterThan(30);
	}

}
