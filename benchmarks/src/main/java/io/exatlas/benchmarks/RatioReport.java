package io.exatlas.benchmarks;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark and harness and prints each library path as a ratio to its floor, measured side by side in
 * the same run (absolute times on a shared 2-core machine mean little; ratios do). {@code quick} is a smoke run of
 * about five minutes; {@code full} (the default) takes about twenty. A further argument {@code harnesses} runs only
 * the harnesses, {@code harness:tokens}, {@code harness:orchestrator}, {@code harness:offers},
 * {@code harness:readiness} or {@code harness:startup} only one of them; any other further argument runs only the JMH benchmarks whose names
 * match it (a regular expression) and skips the harnesses.
 */
public final class RatioReport {

	private RatioReport() {
	}

	/**
	 * Run the benchmarks and print the table.
	 * @param args {@code quick} or {@code full}, then optionally a benchmark name pattern or {@code harnesses};
	 * the words may also come as one argument ({@code -Dbenchmarks.args="full TokenFastPath.*"} reaches the program
	 * as a single string)
	 * @throws RunnerException when JMH fails
	 * @throws IOException when a harness cannot write its files or start its processes
	 * @throws InterruptedException when interrupted
	 */
	public static void main(String[] args) throws RunnerException, IOException, InterruptedException {
		List<String> words = Arrays.stream(String.join(" ", args).strip().split("\\s+"))
			.filter((word) -> !word.isEmpty())
			.toList();
		boolean quick = !words.isEmpty() && words.get(0).equals("quick");
		String only = (words.size() > 1) ? words.get(1) : null;
		List<ReportRow> rows = new ArrayList<>();
		boolean harnessesOnly = only != null && only.startsWith("harness");
		if (!harnessesOnly) {
			rows.addAll(jmh(quick, only));
		}
		if (only == null || harnessesOnly) {
			int rounds = quick ? 3 : 8;
			String which = (only == null || only.equals("harnesses")) ? "" : only.substring(only.indexOf(':') + 1);
			if (which.isEmpty() || which.equals("tokens")) {
				rows.addAll(new TokenHerdHarness(rounds).run());
			}
			if (which.isEmpty() || which.equals("orchestrator")) {
				rows.addAll(new OrchestratorScaleHarness(quick ? 2 : 5).run());
			}
			if (which.isEmpty() || which.equals("offers")) {
				rows.addAll(new OfferHerdHarness(rounds).run());
			}
			if (which.isEmpty() || which.equals("readiness")) {
				rows.addAll(new ReadinessDelayHarness(quick ? 10 : 40).run());
			}
			if (which.isEmpty() || which.equals("startup")) {
				rows.addAll(new StartupHarness(rounds).run());
			}
		}
		System.out.println();
		System.out.printf(Locale.ROOT, "Machine: %d cores, %s %s, JDK %s (%s); %s; %s mode%n",
				Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
				System.getProperty("os.arch"), System.getProperty("java.version"), System.getProperty("java.vm.name"),
				LocalDate.now(), quick ? "quick" : "full");
		System.out.println();
		System.out.println("| measurement | result (± 95 % confidence) | goal |");
		System.out.println("|---|---|---|");
		rows.forEach((row) -> System.out.printf(Locale.ROOT, "| %s | %s | %s |%n", row.measurement(), row.result(),
				row.goal()));
	}

	private static List<ReportRow> jmh(boolean quick, String only) throws RunnerException {
		String pattern = RatioReport.class.getPackageName() + "." + ((only != null) ? only : ".*Benchmark");
		ChainedOptionsBuilder options = new OptionsBuilder().include(pattern)
			.shouldFailOnError(true)
			.forks(quick ? 1 : 2)
			.warmupIterations(quick ? 1 : 3)
			.warmupTime(TimeValue.seconds(quick ? 1 : 2))
			.measurementIterations(quick ? 2 : 5)
			.measurementTime(TimeValue.seconds(quick ? 1 : 2))
			.timeUnit(TimeUnit.NANOSECONDS);
		Collection<RunResult> results = new Runner(options.build()).run();
		Map<String, Result<?>> scores = new LinkedHashMap<>();
		for (RunResult result : results) {
			String name = result.getParams().getBenchmark().replace(RatioReport.class.getPackageName() + ".", "");
			String listeners = result.getParams().getParam("listeners");
			scores.put((listeners != null) ? name + "[" + listeners + "]" : name, result.getPrimaryResult());
		}
		List<ReportRow> rows = new ArrayList<>();
		rows.add(row(scores, "Token fast path: FlyTokens.get vs Caffeine getIfPresent (time per call)",
				"TokenFastPathBenchmark.flyTokensGet[0]", "TokenFastPathBenchmark.caffeineGetIfPresent[0]", "<= 3x"));
		rows.add(row(scores, "Token fast path without Spring events (publisher dropping them) vs Caffeine getIfPresent",
				"TokenFastPathBenchmark.flyTokensGetWithoutSpringEvents[0]",
				"TokenFastPathBenchmark.caffeineGetIfPresent[0]", "(the library's own share)"));
		rows.add(row(scores, "Token fast path, Micrometer bridge on: FlyTokens.get vs Caffeine getIfPresent",
				"TokenFastPathBenchmark.flyTokensGet[bridge]", "TokenFastPathBenchmark.caffeineGetIfPresent[bridge]",
				"<= 10x"));
		rows.add(row(scores, "Token fast path: one listener of every event vs none", "TokenFastPathBenchmark.flyTokensGet[1]",
				"TokenFastPathBenchmark.flyTokensGet[0]", "(the price of listening)"));
		rows.add(row(scores, "Provider call: RunPod get vs JDK HttpClient + Jackson (time per call, one thread)",
				"ProviderCallBenchmark.library", "ProviderCallBenchmark.jdkHttpClientAndJackson", "<= 1.3x"));
		rows.add(row(scores, "Provider call: RunPod get vs a bare WebClient + Jackson on the same connector",
				"ProviderCallBenchmark.library", "ProviderCallBenchmark.bareWebClientAndJackson",
				"(the library's own share)"));
		rows.add(row(scores, "Provider call, 2 threads: time per call, library / JDK HttpClient + Jackson",
				"ProviderCallBenchmark.libraryTwoThreads", "ProviderCallBenchmark.jdkTwoThreads", "<= 1.3x"));
		rows.add(row(scores, "Log page parsing: library throughput / raw Jackson throughput",
				"LogParsingBenchmark.rawJackson", "LogParsingBenchmark.library", ">= 0.7x"));
		rows.add(row(scores, "Placement: planning over 10,000 cached offers vs a bare filter-and-sort of them",
				"PlacementBenchmark.plan", "PlacementBenchmark.bareSort", "<= 2x"));
		rows.add(row(scores, "Placement: failover from a capacity error to the next create vs the two provider calls "
				+ "alone (provider answers in 1 ms)", "PlacementBenchmark.failover", "PlacementBenchmark.providerCallsAlone",
				"<= 1.1x"));
		rows.add(row(scores, "Session touch at 100,000 sessions, 2 threads: throughput / map lookup + volatile write",
				"SessionTouchBenchmark.touch", "SessionTouchBenchmark.mapLookupAndVolatileWrite", "(no goal)"));
		rows.add(row(scores, "Session touch with spend accounting on vs off (time per touch: throughput off / on)",
				"SessionTouchBenchmark.touch", "SessionTouchBenchmark.touchWithSpendAccounting", "<= 1.1x"));
		return rows.stream().filter((row) -> row != null).toList();
	}

	private static ReportRow row(Map<String, Result<?>> scores, String label, String numerator, String denominator,
			String goal) {
		Result<?> a = scores.get(numerator);
		Result<?> b = scores.get(denominator);
		if (a == null || b == null) {
			return null;
		}
		double ratio = a.getScore() / b.getScore();
		double relativeError = Math.sqrt(square(relative(a)) + square(relative(b)));
		return new ReportRow(label, String.format(Locale.ROOT, "%.2fx ± %.2f (%.4g vs %.4g %s)", ratio,
				ratio * relativeError, a.getScore(), b.getScore(), a.getScoreUnit()), goal);
	}

	private static double relative(Result<?> result) {
		double error = result.getScoreError();
		return (Double.isNaN(error) || result.getScore() == 0) ? 0 : error / result.getScore();
	}

	private static double square(double value) {
		return value * value;
	}

}
