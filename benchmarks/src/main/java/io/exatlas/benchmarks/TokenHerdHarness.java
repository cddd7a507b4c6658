package io.exatlas.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.exatlas.fly.process.CommandResult;
import io.exatlas.fly.process.CommandRunner;
import io.exatlas.fly.tokens.FlyCliTokenIssuer;
import io.exatlas.fly.tokens.FlyTokens;
import io.exatlas.fly.tokens.InMemoryTokenStore;

/**
 * Cold-start herds on {@link FlyTokens}: many threads ask for the token of an app nobody has resolved yet, while
 * the (fake) {@code fly} CLI takes 50 ms per call. Counts the CLI invocations (a herd must cost one call per app)
 * and compares the herd's wall time with 50 ms and with its floor: the same threads, released the same way, going
 * through a bare single-flight map ({@code computeIfAbsent} of a future that runs the same CLI once per app).
 */
final class TokenHerdHarness {

	private static final Duration CLI_SLEEP = Duration.ofMillis(50);

	private final int rounds;

	TokenHerdHarness(int rounds) {
		this.rounds = rounds;
	}

	List<ReportRow> run() throws IOException, InterruptedException {
		Path directory = Files.createTempDirectory("exatlas-herd");
		Path invocations = directory.resolve("invocations");
		Path cli = fakeCli(directory, invocations);
		try {
			double[] bare = new double[this.rounds];
			for (int i = 0; i < this.rounds; i++) {
				long start = System.nanoTime();
				CommandRunner.run(List.of(cli.toString(), "tokens", "create", "readonly"), null, Duration.ofSeconds(10));
				bare[i] = millisSince(start);
			}
			Samples bareCall = new Samples(bare);
			List<ReportRow> rows = new ArrayList<>();
			rows.addAll(scenario(cli, invocations, 1, 1000, bareCall));
			rows.addAll(scenario(cli, invocations, 100, 50, bareCall));
			return rows;
		}
		finally {
			Files.deleteIfExists(invocations);
			Files.deleteIfExists(cli);
			Files.deleteIfExists(directory);
		}
	}

	private List<ReportRow> scenario(Path cli, Path invocations, int apps, int callersPerApp, Samples bareCall)
			throws IOException, InterruptedException {
		double[] wall = new double[this.rounds];
		double[] floor = new double[this.rounds];
		int[] calls = new int[this.rounds];
		List<String> command = List.of(cli.toString(), "tokens", "create", "readonly");
		for (int round = 0; round < this.rounds; round++) {
			Files.deleteIfExists(invocations);
			try (FlyTokens tokens = FlyTokens
				.builder(new InMemoryTokenStore(), new FlyCliTokenIssuer(cli.toString(), null, Duration.ofSeconds(30)))
				.maxConcurrentResolutions(128)
				.build()) {
				wall[round] = runHerd(tokens::get, apps, callersPerApp);
			}
			calls[round] = Files.exists(invocations) ? Files.readAllLines(invocations).size() : 0;
			ExecutorService cliThreads = Executors.newCachedThreadPool();
			try {
				ConcurrentMap<String, CompletableFuture<CommandResult>> singleFlight = new ConcurrentHashMap<>();
				floor[round] = runHerd((app) -> singleFlight
					.computeIfAbsent(app,
							(key) -> CompletableFuture.supplyAsync(
									() -> CommandRunner.run(command, null, Duration.ofSeconds(30)), cliThreads))
					.join(), apps, callersPerApp);
			}
			finally {
				cliThreads.shutdown();
			}
		}
		Samples library = new Samples(wall);
		Samples singleFlight = new Samples(floor);
		String herd = (apps == 1) ? String.format(Locale.ROOT, "%,d callers for one app", callersPerApp)
				: String.format(Locale.ROOT, "%d apps x %d callers", apps, callersPerApp);
		return List.of(
				new ReportRow("Cold-start herd, " + herd + ": CLI invocations per round", invocationsSummary(calls),
						"exactly " + apps),
				new ReportRow("Cold-start herd, " + herd + ": wall time / 50 ms",
						library.ratioTo(CLI_SLEEP.toMillis()) + " (" + library.format("ms") + "; one bare CLI call "
								+ bareCall.format("ms") + ")",
						"<= 1.5x"),
				new ReportRow("Cold-start herd, " + herd + ": wall time / bare single-flight map",
						library.ratioTo(singleFlight) + " (" + singleFlight.format("ms") + ")", "(floor)"));
	}

	private static String invocationsSummary(int[] invocations) {
		int min = Integer.MAX_VALUE;
		int max = 0;
		for (int count : invocations) {
			min = Math.min(min, count);
			max = Math.max(max, count);
		}
		return (min == max) ? min + " in each of " + invocations.length + " rounds"
				: "between " + min + " and " + max + " over " + invocations.length + " rounds";
	}

	private static double runHerd(Function<String, ?> call, int apps, int callersPerApp) throws InterruptedException {
		CountDownLatch ready = new CountDownLatch(apps * callersPerApp);
		CountDownLatch go = new CountDownLatch(1);
		CountDownLatch done = new CountDownLatch(apps * callersPerApp);
		AtomicInteger failures = new AtomicInteger();
		List<Thread> threads = new ArrayList<>();
		for (int app = 0; app < apps; app++) {
			String name = "herd-app-" + app;
			for (int caller = 0; caller < callersPerApp; caller++) {
				Thread thread = new Thread(() -> {
					ready.countDown();
					try {
						go.await();
						call.apply(name);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
					catch (RuntimeException ex) {
						failures.incrementAndGet();
					}
					finally {
						done.countDown();
					}
				}, "herd-caller");
				thread.start();
				threads.add(thread);
			}
		}
		ready.await();
		long start = System.nanoTime();
		go.countDown();
		done.await();
		double elapsed = millisSince(start);
		for (Thread thread : threads) {
			thread.join();
		}
		if (failures.get() > 0) {
			throw new IllegalStateException(failures.get() + " herd callers got no token");
		}
		return elapsed;
	}

	private static Path fakeCli(Path directory, Path invocations) throws IOException {
		Path cli = directory.resolve("fly");
		String script = "#!/bin/sh\necho call >> '" + invocations + "'\nsleep "
				+ String.format(Locale.ROOT, "%.3f", CLI_SLEEP.toMillis() / 1000.0) + "\necho FlyV1 fm2_herd_benchmark_token\n";
		Files.writeString(cli, script, StandardCharsets.UTF_8);
		try {
			Files.setPosixFilePermissions(cli, PosixFilePermissions.fromString("rwx------"));
		}
		catch (UnsupportedOperationException ex) {
			throw new UncheckedIOException(new IOException("the herd harness needs a POSIX file system", ex));
		}
		return cli;
	}

	private static double millisSince(long startNanos) {
		return (System.nanoTime() - startNanos) / 1_000_000.0;
	}

}
