package io.exatlas.benchmarks;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.exatlas.compute.Compute;
import io.exatlas.compute.ComputeProviders;
import io.exatlas.compute.ComputeStatus;
import io.exatlas.compute.PortBinding;
import io.exatlas.compute.PortProtocol;
import io.exatlas.compute.facade.DefaultReactiveExAtlas;
import io.exatlas.event.ExAtlasEventPublisher;
import io.exatlas.readiness.ReactiveReadiness;
import io.exatlas.readiness.Readiness;
import io.exatlas.test.fake.FakeGpuCloud;
import reactor.core.scheduler.Schedulers;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * How late readiness notices a port that opens: a TCP probe with a fixed interval waits on a port nobody listens on;
 * at a random moment within an interval the port opens; the delay from the open to the probe passing is measured,
 * as a share of the interval (the goal: at most one interval).
 */
final class ReadinessDelayHarness {

	private static final Duration INTERVAL = Duration.ofMillis(200);

	private final int rounds;

	ReadinessDelayHarness(int rounds) {
		this.rounds = rounds;
	}

	List<ReportRow> run() throws IOException, InterruptedException {
		FakeGpuCloud cloud = new FakeGpuCloud("bench");
		ComputeProviders providers = new ComputeProviders(List.of(cloud), "bench");
		ReactiveReadiness readiness = new ReactiveReadiness(
				new DefaultReactiveExAtlas(providers, ExAtlasEventPublisher.noop(), Clock.systemUTC(), "bench-"),
				WebClient.create(), Schedulers.parallel());
		Random random = new Random(11);
		double[] delays = new double[this.rounds];
		double worst = 0;
		for (int round = 0; round < this.rounds; round++) {
			int port;
			try (ServerSocket probe = new ServerSocket(0)) {
				port = probe.getLocalPort();
			}
			Compute compute = Compute.builder("pod-" + round, "bench")
				.status(ComputeStatus.RUNNING)
				.publicIp("127.0.0.1")
				.port(new PortBinding(8000, port, PortProtocol.TCP, null))
				.build();
			CompletableFuture<Long> passedAt = readiness
				.await(compute,
						Readiness.of(Readiness.tcp(8000))
							.withBackOff(INTERVAL, INTERVAL)
							.withTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(30)))
				.map((ready) -> System.nanoTime())
				.toFuture();
			Thread.sleep(INTERVAL.toMillis() + random.nextInt((int) INTERVAL.toMillis()));
			try (ServerSocket server = new ServerSocket()) {
				server.bind(new InetSocketAddress("127.0.0.1", port));
				long opened = System.nanoTime();
				long passed;
				try {
					passed = passedAt.get(30, TimeUnit.SECONDS);
				}
				catch (Exception ex) {
					throw new IllegalStateException("the probe did not pass", ex);
				}
				delays[round] = (passed - opened) / (double) INTERVAL.toNanos();
				worst = Math.max(worst, delays[round]);
			}
		}
		Samples shares = new Samples(delays);
		return List.of(new ReportRow(
				"Readiness: delay from a port opening to the TCP probe passing, in probe intervals (200 ms)",
				String.format(Locale.ROOT, "%.2f ± %.2f, worst %.2f", shares.mean(), shares.error(), worst),
				"<= 1 interval"));
	}

}
