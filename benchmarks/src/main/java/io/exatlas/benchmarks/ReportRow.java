package io.exatlas.benchmarks;

/**
 * One line of the ratio table.
 *
 * @param measurement what was measured
 * @param result the ratio with its error, and the raw figures it comes from
 * @param goal the goal the ratio is held to
 */
public record ReportRow(String measurement, String result, String goal) {
}
