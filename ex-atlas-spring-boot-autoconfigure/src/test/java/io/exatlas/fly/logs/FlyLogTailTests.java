package io.exatlas.fly.logs;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.exatlas.ErrorKind;
import io.exatlas.ExAtlasException;
import io.exatlas.fly.logs.FlyLogTail.Overflow;
import io.exatlas.internal.WireJson;
import io.exatlas.test.fake.FakeCloud;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

class FlyLogTailTests {

	private final FlyLogsClientTests clientFixture = new FlyLogsClientTests();

	private final FakeFlyLogs fake = this.clientFixture.fake;

	private FlyLogTail tail = tail(100, Overflow.DROP_OLDEST);

	private FlyLogTail tail(int bufferSize, Overflow overflow) {
		return new FlyLogTail(this.clientFixture.client, Duration.ofMillis(20), Duration.ofMillis(80), bufferSize,
				overflow, Schedulers.parallel());
	}

	@AfterEach
	void close() {
		this.tail.close();
		this.clientFixture.close();
	}

	@Test
	void subscribersOfOneAppShareOnePollerThatFollowsTheCursor() {
		List<String> first = new CopyOnWriteArrayList<>();
		List<String> second = new CopyOnWriteArrayList<>();
		Disposable a = this.tail.tail(FakeFlyLogs.APP).subscribe((entry) -> first.add(entry.message()));
		Disposable b = this.tail.tail(FakeFlyLogs.APP).subscribe((entry) -> second.add(entry.message()));
		this.fake.log("one");
		await().atMost(Duration.ofSeconds(5)).until(() -> first.contains("one"));
		this.fake.log("two");
		this.fake.log("three");
		await().atMost(Duration.ofSeconds(5)).until(() -> first.size() == 3 && second.contains("three"));
		assertThat(first).containsExactly("one", "two", "three");
		assertThat(this.tail.activeApps()).containsExactly(FakeFlyLogs.APP);
		assertThat(second).containsExactly("one", "two", "three");
		int before = this.fake.fetches.get();
		long start = System.nanoTime();
		sleep(400);
		int fetched = this.fake.fetches.get() - before;
		long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
		// one poller every 20 ms makes at most one fetch per 20 ms; a poller per subscriber would make two
		assertThat(fetched).isPositive().isLessThanOrEqualTo((int) (elapsedMillis * 1.4 / 20) + 1);
		a.dispose();
		b.dispose();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.tail.activeApps().isEmpty());
		int fetches = this.fake.fetches.get();
		sleep(150);
		assertThat(this.fake.fetches.get()).isEqualTo(fetches);
	}

	@Test
	void transientErrorsBackOffAndTheTailGoesOn() {
		for (int i = 0; i < 8; i++) {
			this.fake.failNext("GET", "/api/v1/apps/atlas-logs/logs",
					FakeCloud.json(503, WireJson.object().put("error", "busy")));
		}
		this.fake.log("after the outage");
		List<String> seen = new CopyOnWriteArrayList<>();
		this.tail.tail(FakeFlyLogs.APP).subscribe((entry) -> seen.add(entry.message()));
		await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains("after the outage"));
	}

	@Test
	void aPermanentErrorEndsTheTail() {
		AtomicReference<Throwable> error = new AtomicReference<>();
		this.tail.tail("unknown-app").subscribe((entry) -> {
		}, error::set);
		await().atMost(Duration.ofSeconds(5)).until(() -> error.get() != null);
		assertThat(((ExAtlasException) error.get()).kind()).isEqualTo(ErrorKind.NOT_FOUND);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.tail.activeApps().isEmpty());
	}

	@Test
	void aWarmedUpTailPollsWithoutASubscriberKeepsItsCursorAndStopsOnlyWhenAsked() {
		assertThat(this.tail.isRunning(FakeFlyLogs.APP)).isFalse();
		assertThat(this.tail.start(FakeFlyLogs.APP)).isTrue();
		assertThat(this.tail.start(FakeFlyLogs.APP)).as("already running").isFalse();
		awaitFirstFetch();
		assertThat(this.tail.isRunning(FakeFlyLogs.APP)).isTrue();
		this.fake.log("logged before anyone subscribed");
		int atLog = this.fake.fetches.get();
		// a fetch routed after the one that returned the entry: that page has been delivered
		await().atMost(Duration.ofSeconds(5)).until(() -> this.fake.fetches.get() >= atLog + 2);
		List<String> late = new CopyOnWriteArrayList<>();
		Disposable subscriber = this.tail.tail(FakeFlyLogs.APP).subscribe((entry) -> late.add(entry.message()));
		this.fake.log("after the subscriber joined");
		await().atMost(Duration.ofSeconds(5)).until(() -> late.contains("after the subscriber joined"));
		assertThat(late).as("the cursor moved on while warming up").doesNotContain("logged before anyone subscribed");
		subscriber.dispose();
		assertThat(this.tail.isRunning(FakeFlyLogs.APP)).as("kept by the warm-up, not by the subscriber").isTrue();
		this.tail.stop(FakeFlyLogs.APP);
		await().atMost(Duration.ofSeconds(5)).until(() -> !this.tail.isRunning(FakeFlyLogs.APP));
		assertThat(this.tail.start(FakeFlyLogs.APP)).as("startable again").isTrue();
		this.tail.stop(FakeFlyLogs.APP);
		assertThatExceptionOfType(io.exatlas.ExAtlasException.class).isThrownBy(() -> this.tail.start("../etc"));
	}

	@Test
	void stoppingTheTailCompletesEverySubscriber() throws InterruptedException {
		CountDownLatch completed = new CountDownLatch(2);
		this.tail.tail(FakeFlyLogs.APP).subscribe(null, null, completed::countDown);
		this.tail.tail(FakeFlyLogs.APP).subscribe(null, null, completed::countDown);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.fake.fetches.get() > 0);
		this.tail.stop(FakeFlyLogs.APP);
		assertThat(completed.await(5, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void aStuckSubscriberLosesEntriesWithinItsBufferWhileOthersGetEverything() throws InterruptedException {
		this.tail.close();
		this.tail = tail(20, Overflow.DROP_OLDEST);
		this.fake.pageSize = 10;
		CountDownLatch release = new CountDownLatch(1);
		List<String> fast = new CopyOnWriteArrayList<>();
		List<String> slow = new CopyOnWriteArrayList<>();
		this.tail.tail(FakeFlyLogs.APP).subscribe((entry) -> fast.add(entry.message()));
		this.tail.tail(FakeFlyLogs.APP).subscribe((entry) -> {
			slow.add(entry.message());
			block(release);
		});
		awaitFirstFetch();
		for (int i = 0; i < 50; i++) {
			this.fake.log("line " + i);
		}
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(fast).as("fast, dropped=" + this.tail.droppedEntries() + " slow=" + slow).hasSize(50));
		assertThat(this.tail.droppedEntries()).isGreaterThanOrEqualTo(28);
		release.countDown();
		await().atMost(Duration.ofSeconds(5)).until(() -> slow.contains("line 49"));
		assertThat(slow.size()).isLessThanOrEqualTo(22);
	}

	@Test
	void disconnectEndsOnlyTheSlowSubscriber() {
		this.tail.close();
		this.tail = tail(5, Overflow.DISCONNECT);
		this.fake.pageSize = 4;
		CountDownLatch release = new CountDownLatch(1);
		List<String> fast = new CopyOnWriteArrayList<>();
		AtomicReference<Throwable> slowError = new AtomicReference<>();
		this.tail.tail(FakeFlyLogs.APP).subscribe((entry) -> fast.add(entry.message()));
		this.tail.tail(FakeFlyLogs.APP).subscribe((entry) -> block(release), slowError::set);
		awaitFirstFetch();
		for (int i = 0; i < 20; i++) {
			this.fake.log("line " + i);
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> fast.size() == 20);
		release.countDown();
		await().atMost(Duration.ofSeconds(5)).until(() -> slowError.get() != null);
		this.fake.log("still flowing");
		await().atMost(Duration.ofSeconds(5)).until(() -> fast.contains("still flowing"));
	}

	/** A tail starts at Fly's most recent entries: log only once it has its first cursor. */
	private void awaitFirstFetch() {
		await().atMost(Duration.ofSeconds(5)).until(() -> this.fake.fetches.get() > 0);
	}

	private static void block(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
