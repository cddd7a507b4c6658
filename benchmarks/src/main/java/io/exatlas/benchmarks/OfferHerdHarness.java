package io.exatlas.benchmarks;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.exatlas.compute.ComputeProviders;
import io.exatlas.compute.ComputeRequest;
import io.exatlas.compute.facade.DefaultReactiveExAtlas;
import io.exatlas.event.ExAtlasEventPublisher;
import io.exatlas.placement.OfferCache;
import io.exatlas.placement.OfferCacheSettings;
import io.exatlas.placement.OfferOrder;
import io.exatlas.placement.PlacementPolicy;
import io.exatlas.placement.ReactiveComputePlacement;
import io.exatlas.test.fake.FakeGpuCloud;
import reactor.core.scheduler.Schedulers;

/**
 * A cold offer cache under a herd: 1,000 callers ask for a plan at once over three providers whose offer listing takes
 * 50 ms. Counts the listings each provider received (the goal: exactly one each) and reports the herd's wall time.
 */
final class OfferHerdHarness {

	private static final int CALLERS = 1000;

	private static final Duration LISTING = Duration.ofMillis(50);

	private final int rounds;

	OfferHerdHarness(int rounds) {
		this.rounds = rounds;
	}

	private static FakeGpuCloud slow(String id) {
		return new FakeGpuCloud(id).region("r1", "1.00", 1).latency(LISTING);
	}

	List<ReportRow> run() throws InterruptedException {
		int worst = 0;
		int best = Integer.MAX_VALUE;
		double[] wall = new double[this.rounds];
		ExecutorService threads = Executors.newFixedThreadPool(64);
		try {
			for (int round = 0; round < this.rounds; round++) {
				List<FakeGpuCloud> clouds = List.of(slow("alpha"), slow("beta"), slow("gamma"));
				ComputeProviders providers = new ComputeProviders(List.copyOf(clouds), "alpha");
				ReactiveComputePlacement placement = new ReactiveComputePlacement(
						new DefaultReactiveExAtlas(providers, ExAtlasEventPublisher.noop(), Clock.systemUTC(), "herd-"),
						providers, new OfferCache(OfferCacheSettings.DEFAULTS, Clock.systemUTC(), Schedulers.parallel(),
								Runnable::run),
						OfferOrder.cheapestFirst(), ExAtlasEventPublisher.noop(), Clock.systemUTC(),
						Schedulers.parallel());
				ComputeRequest request = ComputeRequest.builder().gpu("h100").image("img").build();
				CountDownLatch go = new CountDownLatch(1);
				List<Future<Integer>> answers = new ArrayList<>();
				for (int i = 0; i < CALLERS; i++) {
					answers.add(threads.submit(() -> {
						go.await();
						return placement.offers(request, PlacementPolicy.defaults()).block().candidates().size();
					}));
				}
				long start = System.nanoTime();
				go.countDown();
				for (Future<Integer> answer : answers) {
					try {
						if (answer.get() != 3) {
							throw new IllegalStateException("a caller's plan missed offers: " + answer.get());
						}
					}
					catch (java.util.concurrent.ExecutionException ex) {
						throw new IllegalStateException(ex.getCause());
					}
				}
				wall[round] = (System.nanoTime() - start) / 1_000_000.0;
				for (FakeGpuCloud cloud : clouds) {
					worst = Math.max(worst, cloud.offerFetches.get());
					best = Math.min(best, cloud.offerFetches.get());
				}
			}
		}
		finally {
			threads.shutdownNow();
		}
		Samples times = new Samples(wall);
		return List.of(
				new ReportRow("Cold offer cache, 1,000 concurrent plans over 3 providers: listings per provider",
						(best == worst) ? "exactly " + worst : best + " to " + worst, "exactly 1"),
				new ReportRow("… the herd's wall time (listing takes 50 ms)",
						String.format(Locale.ROOT, "%.0f ms ± %.0f", times.mean(), times.error()),
						"(no goal)"));
	}

}
