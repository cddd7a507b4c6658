package io.exatlas.readiness;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;

import io.exatlas.ErrorKind;
import io.exatlas.ExAtlasException;
import io.exatlas.Secret;
import io.exatlas.compute.AuthHandle;
import io.exatlas.compute.AuthMode;
import io.exatlas.compute.Compute;
import io.exatlas.compute.ComputeProviders;
import io.exatlas.compute.ComputeStatus;
import io.exatlas.compute.PortBinding;
import io.exatlas.compute.PortProtocol;
import io.exatlas.compute.ProviderContext;
import io.exatlas.compute.facade.DefaultReactiveExAtlas;
import io.exatlas.test.event.RecordingEventPublisher;
import io.exatlas.test.fake.FakeGpuCloud;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Readiness against a pod that comes up step by step (a real local HTTP server stands for it): running late, the
 * port published late, a health check that flaps, one that never passes, a pod that fails; each ends ready, or with
 * a typed error naming the step and what it saw last.
 */
class ReadinessTests {

	private static final Secret TOKEN = Secret.of("pod-token-0123456789");

	private MockWebServer pod;

	private final Scripted cloud = new Scripted();

	private final ReactiveReadiness readiness = new ReactiveReadiness(
			new DefaultReactiveExAtlas(new ComputeProviders(List.of(this.cloud), "scripted"),
					new RecordingEventPublisher(), Clock.systemUTC(), "atlas-"),
			WebClient.create(), Schedulers.parallel());

	@BeforeEach
	void startPod() throws IOException {
		this.pod = new MockWebServer();
		this.pod.start();
	}

	@AfterEach
	void stopPod() {
		this.pod.close();
	}

	private Compute compute(ComputeStatus status, boolean portPublished) {
		Compute.Builder builder = Compute.builder("pod-1", "scripted").status(status).publicIp("127.0.0.1");
		if (portPublished) {
			builder.port(new PortBinding(8000, this.pod.getPort(), PortProtocol.HTTP, null));
		}
		return builder.build();
	}

	/** Short pauses; a step timeout far beyond a cold HTTP client's first call (failing tests set their own). */
	private static Readiness fast(Readiness probe) {
		return probe.withBackOff(Duration.ofMillis(10), Duration.ofMillis(40))
			.withTimeouts(Duration.ofSeconds(15), Duration.ofSeconds(20));
	}

	@Test
	void aPodRunningLateWithItsPortLateAndAFlappingHealthCheckIsReadyOnceEveryStepPassed()
			throws InterruptedException {
		this.cloud.script(compute(ComputeStatus.PROVISIONING, false), compute(ComputeStatus.RUNNING, false),
				compute(ComputeStatus.RUNNING, true));
		this.pod.enqueue(new MockResponse.Builder().code(503).build());
		this.pod.enqueue(new MockResponse.Builder().code(200).build());
		this.pod.enqueue(new MockResponse.Builder().code(503).build());
		this.pod.enqueue(new MockResponse.Builder().code(200).build());
		Compute spawned = compute(ComputeStatus.PROVISIONING, false)
			.withAuth(new AuthHandle(AuthMode.BEARER, TOKEN, "hash", AuthHandle.PRESHARED_KEY_ENV));
		Compute ready = this.readiness.await(spawned,
				fast(Readiness.running()
					.then(Readiness.port(8000))
					.then(Readiness.tcp(8000))
					.then(Readiness.http(8000, "/health"))))
			.block(Duration.ofSeconds(30));
		assertThat(ready.status()).isEqualTo(ComputeStatus.RUNNING);
		assertThat(ready.ports()).singleElement().satisfies((port) -> assertThat(port.externalPort())
			.isEqualTo(this.pod.getPort()));
		assertThat(this.cloud.gets).hasSizeGreaterThanOrEqualTo(3);
		RecordedRequest first = this.pod.takeRequest();
		assertThat(first.getUrl().encodedPath()).isEqualTo("/health");
		assertThat(first.getHeaders().get("Authorization")).as("the pod's own token, never the cloud's")
			.isEqualTo("Bearer " + TOKEN.reveal());
		assertThat(this.pod.getRequestCount()).as("503, then 200").isEqualTo(2);
	}

	@Test
	void aHealthCheckThatNeverPassesEndsAsATimeoutNamingTheStepAndWhatItSaw() {
		this.cloud.script(compute(ComputeStatus.RUNNING, true));
		for (int i = 0; i < 500; i++) {
			this.pod.enqueue(new MockResponse.Builder().code(503).build());
		}
		assertThatExceptionOfType(ExAtlasException.class)
			.isThrownBy(() -> this.readiness
				.await(compute(ComputeStatus.RUNNING, true),
						fast(Readiness.of(Readiness.http(8000, "/health")))
							.withTimeouts(Duration.ofMillis(300), Duration.ofSeconds(5)))
				.block(Duration.ofSeconds(10)))
			.satisfies((ex) -> {
				assertThat(ex.kind()).isEqualTo(ErrorKind.TIMEOUT);
				assertThat(ex.code()).hasValue("not_ready");
				assertThat(ex.getMessage()).contains("step 'http 8000 /health' failed", "last seen: HTTP 503")
					.doesNotContain(TOKEN.reveal());
			});
	}

	@Test
	void aPortNeverPublishedAndAPortNobodyListensOnEndAsTimeouts() throws IOException {
		this.cloud.script(compute(ComputeStatus.RUNNING, false));
		assertThatExceptionOfType(ExAtlasException.class)
			.isThrownBy(() -> this.readiness
				.await(compute(ComputeStatus.RUNNING, false),
						fast(Readiness.of(Readiness.port(8000))).withTimeouts(Duration.ofMillis(200),
								Duration.ofSeconds(5)))
				.block(Duration.ofSeconds(10)))
			.withMessageContaining("last seen: port 8000 not published");
		int closed;
		try (ServerSocket socket = new ServerSocket(0)) {
			closed = socket.getLocalPort();
		}
		Compute unreachable = Compute.builder("pod-1", "scripted")
			.status(ComputeStatus.RUNNING)
			.publicIp("127.0.0.1")
			.port(new PortBinding(22, closed, PortProtocol.TCP, null))
			.build();
		assertThatExceptionOfType(ExAtlasException.class)
			.isThrownBy(() -> this.readiness
				.await(unreachable,
						fast(Readiness.of(Readiness.tcp(22))).withTimeouts(Duration.ofMillis(200), Duration.ofSeconds(5)))
				.block(Duration.ofSeconds(10)))
			.withMessageContaining("step 'tcp 22' failed")
			.withMessageContaining("ConnectException");
	}

	@Test
	void aPodTheProviderReportsFailedEndsAtOnce() {
		this.cloud.script(compute(ComputeStatus.FAILED, false));
		long start = System.nanoTime();
		assertThatExceptionOfType(ExAtlasException.class)
			.isThrownBy(() -> this.readiness
				.await(compute(ComputeStatus.PROVISIONING, false), Readiness.running())
				.block(Duration.ofSeconds(10)))
			.withMessageContaining("the provider reports it FAILED");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).as("no back-off after a terminal status")
			.isLessThan(Duration.ofSeconds(2));
	}

	@Test
	void aProbeIsValidatedWhenBuilt() {
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> Readiness.port(0));
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> Readiness.http(8000, "health"));
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> Readiness.http(8000, "/h", 42));
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> Readiness.running().withTimeouts(Duration.ZERO, Duration.ofSeconds(1)));
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> Readiness.running().withBackOff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> Readiness.running().withTimeouts(Duration.ofDays(4000), Duration.ofDays(4000)));
	}

	/** A cloud whose get answers the scripted resources in turn, then the last one again and again. */
	private static final class Scripted extends FakeGpuCloud {

		private final ConcurrentLinkedQueue<Compute> script = new ConcurrentLinkedQueue<>();

		private final AtomicReference<Compute> last = new AtomicReference<>();

		final List<String> gets = new java.util.concurrent.CopyOnWriteArrayList<>();

		Scripted() {
			super("scripted");
		}

		void script(Compute... computes) {
			this.script.addAll(List.of(computes));
		}

		@Override
		public Mono<Compute> get(String id, ProviderContext context) {
			return Mono.fromSupplier(() -> {
				this.gets.add(id);
				Compute next = this.script.poll();
				if (next != null) {
					this.last.set(next);
				}
				return this.last.get();
			});
		}

	}

}
