package io.exatlas.benchmarks;

import java.util.Arrays;
import java.util.Locale;

/**
 * Repeated one-shot measurements (harnesses that JMH cannot drive: herds, fresh JVMs, timer ticks) with their mean
 * and the half-width of a 95 % confidence interval, and ratios between two of them with the error propagated.
 */
final class Samples {

	private final double[] values;

	Samples(double[] values) {
		if (values.length == 0) {
			throw new IllegalArgumentException("no samples");
		}
		this.values = values.clone();
	}

	double mean() {
		return Arrays.stream(this.values).average().orElseThrow();
	}

	/** Half-width of the 95 % confidence interval of the mean (0 for a single sample). */
	double error() {
		int n = this.values.length;
		if (n < 2) {
			return 0;
		}
		double mean = mean();
		double variance = Arrays.stream(this.values).map((v) -> (v - mean) * (v - mean)).sum() / (n - 1);
		return 1.96 * Math.sqrt(variance / n);
	}

	/**
	 * This mean divided by another, formatted as {@code 1.23x ± 0.04}.
	 * @param floor the denominator
	 * @return the formatted ratio
	 */
	String ratioTo(Samples floor) {
		double ratio = mean() / floor.mean();
		double relative = Math.sqrt(square(error() / mean()) + square(floor.error() / floor.mean()));
		return String.format(Locale.ROOT, "%.2fx ± %.2f", ratio, ratio * relative);
	}

	/**
	 * This mean divided by a constant, formatted as {@code 1.23x ± 0.04}.
	 * @param constant the denominator
	 * @return the formatted ratio
	 */
	String ratioTo(double constant) {
		return String.format(Locale.ROOT, "%.2fx ± %.2f", mean() / constant, error() / constant);
	}

	Samples scaled(double factor) {
		return new Samples(Arrays.stream(this.values).map((v) -> v * factor).toArray());
	}

	String format(String unit) {
		return String.format(Locale.ROOT, "%.3g ± %.2g %s", mean(), error(), unit);
	}

	private static double square(double value) {
		return value * value;
	}

}
