package io.exatlas.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import io.exatlas.ErrorKind;
import io.exatlas.ExAtlasException;
import io.exatlas.pacing.Pacer;
import io.exatlas.pacing.PacingRule;
import io.exatlas.pacing.PacingScope;
import io.exatlas.pacing.PacingSettings;
import io.exatlas.support.RedisServer;
import io.exatlas.support.SchedulerClock;
import io.lettuce.core.RedisClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.scheduler.VirtualTimeScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Pacing limits shared through Redis (Bucket4j): two instances together get the rule's limit, not twice it; a
 * permit too far away is given back; the cloud's reported policy changes the shared limit; without Redis nothing is
 * sent.
 */
class RedisPacingPermitsTests {

	@RegisterExtension
	static final RedisServer redis = new RedisServer();

	private static final PacingRule TWO_A_MINUTE = new PacingRule("testcloud.creates", "testcloud", "POST", "/things",
			PacingScope.PROVIDER, 2, Duration.ofMinutes(1));

	private final VirtualTimeScheduler time = VirtualTimeScheduler.create();

	private final SchedulerClock clock = new SchedulerClock(this.time, Instant.parse("2026-12-02T12:00:00Z"));

	private RedisClient client;

	private RedisPacingPermits instanceA;

	private RedisPacingPermits instanceB;

	@BeforeEach
	void connect() {
		redis.flushAll();
		this.client = RedisClient.create("redis://127.0.0.1:" + redis.port());
		this.instanceA = new RedisPacingPermits(this.client, "exatlas:");
		this.instanceB = new RedisPacingPermits(this.client, "exatlas:");
	}

	@AfterEach
	void close() throws Exception {
		this.instanceA.close();
		this.instanceB.close();
		this.client.shutdown();
		this.time.dispose();
	}

	private Pacer pacer(RedisPacingPermits permits) {
		return new Pacer(new PacingSettings(List.of(TWO_A_MINUTE), Duration.ofMinutes(2), Set.of()), this.clock,
				this.time, permits);
	}

	@Test
	void twoInstancesShareOneLimit() {
		Pacer a = pacer(this.instanceA);
		Pacer b = pacer(this.instanceB);
		assertThat(a.acquire("testcloud", "POST", "/things", "/v1/things").toFuture()).succeedsWithin(Duration.ofSeconds(5));
		assertThat(b.acquire("testcloud", "POST", "/things", "/v1/things").toFuture()).succeedsWithin(Duration.ofSeconds(5));
		CompletableFuture<Void> third = b.acquire("testcloud", "POST", "/things", "/v1/things").toFuture();
		await(() -> this.time.getScheduledTaskCount() > 0 || third.isDone());
		assertThat(third).as("the pair used the shared two-a-minute").isNotDone();
		this.time.advanceTimeBy(Duration.ofMinutes(1));
		assertThat(third).succeedsWithin(Duration.ofSeconds(5));
		assertThat(redis.template().keys("exatlas:pacing:*")).containsExactly("exatlas:pacing:testcloud.creates:testcloud");
	}

	@Test
	void aPermitTooFarAwayIsGivenBackAndRefused() {
		this.instanceA.reserve(TWO_A_MINUTE, "testcloud", Duration.ofSeconds(5)).block();
		this.instanceA.reserve(TWO_A_MINUTE, "testcloud", Duration.ofSeconds(5)).block();
		assertThat(this.instanceB.reserve(TWO_A_MINUTE, "testcloud", Duration.ofSeconds(5)).block()).isEqualTo(-1);
		assertThat(this.instanceB.status()).singleElement().satisfies((status) -> {
			assertThat(status.available()).as("given back").isZero();
			assertThat(status.limit()).isEqualTo(2);
			assertThat(status.rule()).isEqualTo("testcloud.creates");
		});
		assertThat(this.instanceB.reserve(TWO_A_MINUTE, "testcloud", Duration.ofMinutes(2)).block())
			.isBetween(Duration.ofSeconds(1).toNanos(), Duration.ofMinutes(1).toNanos());
	}

	@Test
	void theCloudsReportedPolicyChangesTheSharedLimit() {
		this.instanceA.reserve(TWO_A_MINUTE, "testcloud", Duration.ofSeconds(5)).block();
		this.instanceA.changeLimit("testcloud", Duration.ofSeconds(60), 10);
		assertThat(this.instanceA.status()).singleElement()
			.satisfies((status) -> assertThat(status.limit()).isEqualTo(10));
		await(() -> this.instanceB.reserve(TWO_A_MINUTE, "testcloud", Duration.ZERO).block() == 0);
	}

	@Test
	void withoutRedisNothingIsSent() throws Exception {
		RedisClient nowhere = RedisClient.create("redis://127.0.0.1:1");
		try {
			assertThatExceptionOfType(RuntimeException.class)
				.isThrownBy(() -> new RedisPacingPermits(nowhere, "exatlas:"));
		}
		finally {
			nowhere.shutdown();
		}
		redis.template().getConnectionFactory().getConnection().serverCommands().flushAll();
		RedisPacingPermits permits = this.instanceA;
		assertThat(permits.reserve(TWO_A_MINUTE, "testcloud", Duration.ofSeconds(1)).block()).isZero();
		assertThatExceptionOfType(ExAtlasException.class).isThrownBy(() -> {
			this.client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
			permits.reserve(TWO_A_MINUTE, "other", Duration.ofSeconds(1)).block(Duration.ofSeconds(30));
		}).satisfies((ex) -> {
			assertThat(ex.kind()).isEqualTo(ErrorKind.UNKNOWN);
			assertThat(ex.getMessage()).contains("nothing was sent");
		});
	}

	private static void await(java.util.function.BooleanSupplier condition) {
		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(condition::getAsBoolean);
	}

}
