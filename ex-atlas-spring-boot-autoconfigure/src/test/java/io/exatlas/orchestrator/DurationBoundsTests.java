package io.exatlas.orchestrator;

import java.time.Duration;
import java.util.Random;
import java.util.stream.LongStream;

import io.exatlas.Durations;
import io.exatlas.ErrorKind;
import io.exatlas.ExAtlasException;
import io.exatlas.compute.ComputeFilter;
import io.exatlas.compute.ComputeRequest;
import io.exatlas.compute.ProviderContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Idle TTLs across the whole range of {@link Duration}: each is either refused when the session is asked for (a
 * typed error, nothing spawned) or tracked with a deadline that neither fires at the first tick nor never fires.
 * Before, a huge TTL overflowed {@code toMillis()} or {@code last + ttl}: one value orphaned a tracked session that
 * nothing ever expired, a slightly smaller one was terminated at the first tick.
 */
class DurationBoundsTests {

	private final OrchestratorFixture fixture = new OrchestratorFixture();

	private final ComputeOrchestrator orchestrator = this.fixture
		.orchestrator(OrchestratorFixture.settings(Duration.ofMinutes(10), Duration.ZERO, ShutdownPolicy.TERMINATE));

	@AfterEach
	void dispose() {
		this.fixture.dispose();
	}

	static LongStream ttlSeconds() {
		Random random = new Random(7);
		LongStream edges = LongStream.of(Long.MIN_VALUE, -1, 0, 1, Durations.LONGEST.getSeconds(),
				Durations.LONGEST.getSeconds() + 1, Long.MAX_VALUE / 1000, Long.MAX_VALUE / 1000 - 1_764_000_000L,
				Long.MAX_VALUE);
		LongStream generated = LongStream.range(0, 40).map((i) -> {
			int magnitude = random.nextInt(63);
			long value = (magnitude == 0) ? 0 : (random.nextLong() >>> (63 - magnitude));
			return random.nextBoolean() ? value : -value;
		});
		return LongStream.concat(edges, generated);
	}

	@ParameterizedTest(name = "{0} s")
	@MethodSource("ttlSeconds")
	void anIdleTtlIsRefusedOrTrackedWithAWorkingDeadline(long seconds) {
		Duration ttl = Duration.ofSeconds(seconds);
		boolean valid = !ttl.isNegative() && !ttl.isZero() && Durations.withinLongest(ttl);
		ComputeRequest.Builder request = ComputeRequest.builder().gpu("h100").image("vllm/vllm-openai");
		if (!valid) {
			assertThatException().isThrownBy(() -> request.idleTtl(ttl).build())
				.isInstanceOfSatisfying(ExAtlasException.class,
						(ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.VALIDATION));
			assertThatException().isThrownBy(() -> SessionOptions.defaults().withIdleTtl(ttl))
				.isInstanceOf(IllegalArgumentException.class);
			assertThat(this.fixture.mock.list(ComputeFilter.all(),
					ProviderContext.defaults()).collectList().block()).isEmpty();
			return;
		}
		String id = this.orchestrator.spawn(request.build(), SessionOptions.defaults().withIdleTtl(ttl)).id();
		assertThat(this.orchestrator.get(id)).get().extracting(TrackedSession::idleTtl).isEqualTo(ttl);
		Duration day = Duration.ofDays(1);
		if (ttl.compareTo(day) <= 0) {
			this.fixture.advance(ttl.minusMillis(1));
			assertThat(this.orchestrator.get(id)).as("still tracked just before its TTL").isPresent();
			this.fixture.advance(Duration.ofSeconds(2));
			assertThat(this.orchestrator.get(id)).as("expired once its TTL has passed").isEmpty();
		}
		else {
			this.fixture.advance(day);
			assertThat(this.orchestrator.get(id)).as("a long TTL does not fire early").isPresent();
		}
	}

}
