package io.exatlas.compute.facade;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import io.exatlas.ErrorKind;
import io.exatlas.ExAtlasException;
import io.exatlas.compute.AuthMode;
import io.exatlas.compute.CallOptions;
import io.exatlas.compute.Capability;
import io.exatlas.compute.Compute;
import io.exatlas.compute.ComputeFilter;
import io.exatlas.compute.ComputeProvider;
import io.exatlas.compute.ComputeProviders;
import io.exatlas.compute.ComputeRequest;
import io.exatlas.compute.GpuCatalog;
import io.exatlas.compute.ProviderContext;
import io.exatlas.compute.ReactiveExAtlas;
import io.exatlas.compute.observation.ComputeObservations;
import io.exatlas.providers.mock.MockComputeProvider;
import io.exatlas.support.SchedulerClock;
import io.exatlas.test.event.RecordingEventPublisher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.scheduler.VirtualTimeScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * A spawn retried with the same idempotency key within the window answers the first spawn's resource (or failure)
 * and never creates a second resource, whether the retry comes later or at the same time.
 */
class IdempotentSpawnTests {

	private final VirtualTimeScheduler time = VirtualTimeScheduler.create();

	private final SchedulerClock clock = new SchedulerClock(this.time, Instant.parse("2026-12-02T12:00:00Z"));

	private final MockComputeProvider mock = new MockComputeProvider(GpuCatalog.builtIn(), this.clock,
			Schedulers.immediate(), Duration.ZERO, 1);

	private final Counting counting = new Counting(this.mock);

	private final ReactiveExAtlas atlas = new DefaultReactiveExAtlas(
			new ComputeProviders(List.of(this.counting), "mock"), new RecordingEventPublisher(), this.clock, "atlas-",
			ComputeObservations.NOOP, new LocalIdempotentSpawns(Duration.ofMinutes(10), this.clock));

	@AfterEach
	void dispose() {
		this.time.dispose();
	}

	private static ComputeRequest request() {
		return ComputeRequest.builder().gpu("h100").image("vllm/vllm-openai").auth(AuthMode.BEARER).build();
	}

	@Test
	void aRetryWithTheSameKeyGetsTheFirstResourceWithItsCredentialAndNothingIsSpawnedTwice() {
		Compute first = this.atlas.using(CallOptions.idempotencyKey("req-1")).spawn(request()).block();
		Compute retried = this.atlas.using(CallOptions.idempotencyKey("req-1")).spawn(request()).block();
		assertThat(retried.id()).isEqualTo(first.id());
		assertThat(retried.auth().token()).as("the client that never got the first answer gets the credential")
			.isEqualTo(first.auth().token());
		assertThat(this.counting.spawns).hasValue(1);
		Compute other = this.atlas.using(CallOptions.idempotencyKey("req-2")).spawn(request()).block();
		Compute unkeyed = this.atlas.spawn(request()).block();
		assertThat(Set.of(first.id(), other.id(), unkeyed.id())).hasSize(3);
		assertThat(this.counting.spawns).hasValue(3);
	}

	@Test
	void concurrentCallsWithOneKeyShareOneSpawn() {
		List<String> ids = Flux.range(0, 20)
			.flatMap((i) -> this.atlas.using(CallOptions.idempotencyKey("burst")).spawn(request())
				.subscribeOn(Schedulers.parallel()))
			.map(Compute::id)
			.collectList()
			.block(Duration.ofSeconds(10));
		assertThat(ids).hasSize(20).containsOnly(ids.get(0));
		assertThat(this.counting.spawns).hasValue(1);
	}

	@Test
	void aFailureIsReplayedWithinTheWindowAndTheKeyIsFreeAfterIt() {
		this.mock.failNext(io.exatlas.compute.ComputeOperation.SPAWN,
				ExAtlasException.builder(ErrorKind.PROVIDER).provider("mock").message("no capacity").build());
		for (int i = 0; i < 2; i++) {
			assertThatExceptionOfType(ExAtlasException.class)
				.isThrownBy(() -> this.atlas.using(CallOptions.idempotencyKey("req-f")).spawn(request()).block())
				.satisfies((ex) -> assertThat(ex.getMessage()).contains("no capacity"));
		}
		assertThat(this.counting.spawns).hasValue(1);
		this.time.advanceTimeBy(Duration.ofMinutes(10));
		Compute later = this.atlas.using(CallOptions.idempotencyKey("req-f")).spawn(request()).block();
		assertThat(later.id()).isNotBlank();
		assertThat(this.counting.spawns).as("after the window the key spawns again").hasValue(2);
	}

	@Test
	void aKeyIsOneToTwoHundredFiftySixCharacters() {
		assertThatIllegalArgumentException().isThrownBy(() -> CallOptions.idempotencyKey(" "));
		assertThatIllegalArgumentException().isThrownBy(() -> CallOptions.idempotencyKey("k".repeat(257)));
		assertThat(CallOptions.provider("mock").withIdempotencyKey("k").withApiKey("key").idempotencyKey())
			.isEqualTo("k");
	}

	/** The mock provider, counting the spawns that reach it. */
	private static final class Counting implements ComputeProvider {

		private final MockComputeProvider delegate;

		private final AtomicInteger spawns = new AtomicInteger();

		Counting(MockComputeProvider delegate) {
			this.delegate = delegate;
		}

		@Override
		public String id() {
			return this.delegate.id();
		}

		@Override
		public Set<Capability> capabilities() {
			return this.delegate.capabilities();
		}

		@Override
		public Mono<Compute> spawn(ComputeRequest request, ProviderContext context) {
			return Mono.defer(() -> {
				this.spawns.incrementAndGet();
				return this.delegate.spawn(request, context);
			});
		}

		@Override
		public Mono<Compute> get(String id, ProviderContext context) {
			return this.delegate.get(id, context);
		}

		@Override
		public Flux<Compute> list(ComputeFilter filter, ProviderContext context) {
			return this.delegate.list(filter, context);
		}

		@Override
		public Mono<Void> terminate(String id, ProviderContext context) {
			return this.delegate.terminate(id, context);
		}

	}

}
