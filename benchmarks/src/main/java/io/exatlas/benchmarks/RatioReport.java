package io.exatlas.benchmarks;

import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
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
 * Runs every benchmark and prints each library path as a ratio to its floor, measured side by side in the same run
 * (absolute times on a shared 2-core machine mean little; ratios do). {@code quick} is a smoke run of about half a
 * minute; {@code full} (the default) takes about five minutes.
 */
public final class RatioReport {

	private RatioReport() {
	}

	/**
	 * Run the benchmarks and print the table.
	 * @param args {@code quick} or {@code full}
	 * @throws RunnerException when JMH fails
	 */
	public static void main(String[] args) throws RunnerException {
		boolean quick = args.length > 0 && args[0].equals("quick");
		ChainedOptionsBuilder options = new OptionsBuilder().include(RatioReport.class.getPackageName() + ".*Benchmark")
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
		System.out.println();
		System.out.printf(Locale.ROOT, "Machine: %d cores, %s %s, JDK %s; %s; %s mode%n",
				Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
				System.getProperty("os.arch"), System.getProperty("java.version"), LocalDate.now(),
				quick ? "quick" : "full");
		System.out.println();
		System.out.println("| measurement | ratio | goal |");
		System.out.println("|---|---|---|");
		row(scores, "Token fast path: FlyTokens.get vs Caffeine getIfPresent", "TokenFastPathBenchmark.flyTokensGet[0]",
				"TokenFastPathBenchmark.caffeineGetIfPresent[0]", "<= 3x");
		row(scores, "Token fast path: one @EventListener vs none", "TokenFastPathBenchmark.flyTokensGet[1]",
				"TokenFastPathBenchmark.flyTokensGet[0]", "~1x");
		row(scores, "Provider call: RunPod get vs JDK HttpClient + Jackson (time per call)",
				"ProviderCallBenchmark.library", "ProviderCallBenchmark.jdkHttpClientAndJackson", "<= 1.3x");
		row(scores, "Log page parsing: raw Jackson time / library time (= library throughput share)",
				"LogParsingBenchmark.rawJackson", "LogParsingBenchmark.library", ">= 0.7x");
	}

	private static void row(Map<String, Result<?>> scores, String label, String numerator, String denominator,
			String goal) {
		Result<?> a = scores.get(numerator);
		Result<?> b = scores.get(denominator);
		if (a == null || b == null) {
			System.out.printf(Locale.ROOT, "| %s | not measured | %s |%n", label, goal);
			return;
		}
		double ratio = a.getScore() / b.getScore();
		double relativeError = Math.sqrt(square(relative(a)) + square(relative(b)));
		System.out.printf(Locale.ROOT, "| %s | %.2fx ± %.2f (%.1f vs %.1f ns) | %s |%n", label, ratio,
				ratio * relativeError, a.getScore(), b.getScore(), goal);
	}

	private static double relative(Result<?> result) {
		double error = result.getScoreError();
		return (Double.isNaN(error) || result.getScore() == 0) ? 0 : error / result.getScore();
	}

	private static double square(double value) {
		return value * value;
	}

}
