package io.exatlas.readiness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A composable readiness probe: steps that must pass in order, each within its own timeout and all within an
 * overall one, checked again after a back-off (doubling from the initial interval up to the maximum).
 *
 * <pre>{@code
 * Readiness.running().then(Readiness.port(8000)).then(Readiness.http(8000, "/health"))
 * }</pre>
 *
 * @param steps the steps, in order
 * @param stepTimeout how long one step may take
 * @param timeout how long the whole probe may take
 * @param initialInterval the first pause between two checks of a step
 * @param maxInterval the longest pause between two checks
 */
public record Readiness(List<ReadinessStep> steps, Duration stepTimeout, Duration timeout, Duration initialInterval,
		Duration maxInterval) {

	/** Default step timeout. */
	public static final Duration DEFAULT_STEP_TIMEOUT = Duration.ofMinutes(10);

	/** Default overall timeout. */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(20);

	/** Default first pause. */
	public static final Duration DEFAULT_INITIAL_INTERVAL = Duration.ofSeconds(2);

	/** Default longest pause. */
	public static final Duration DEFAULT_MAX_INTERVAL = Duration.ofSeconds(15);

	/**
	 * Validates the probe.
	 * @param steps the steps
	 * @param stepTimeout the step timeout
	 * @param timeout the overall timeout
	 * @param initialInterval the first pause
	 * @param maxInterval the longest pause
	 */
	public Readiness {
		steps = List.copyOf(steps);
		if (steps.isEmpty()) {
			throw new IllegalArgumentException("a readiness probe needs at least one step");
		}
		positive(stepTimeout, "stepTimeout");
		positive(timeout, "timeout");
		positive(initialInterval, "initialInterval");
		positive(maxInterval, "maxInterval");
		if (maxInterval.compareTo(initialInterval) < 0) {
			throw new IllegalArgumentException("maxInterval must be at least initialInterval");
		}
	}

	private static void positive(Duration value, String name) {
		Objects.requireNonNull(value, name);
		if (value.isNegative() || value.isZero() || value.toDays() > 3650) {
			throw new IllegalArgumentException(name + " must be positive and at most 3650 days, was " + value);
		}
	}

	/**
	 * A probe that waits until the provider reports the resource running.
	 * @return the probe
	 */
	public static Readiness running() {
		return of(new ReadinessStep.Running());
	}

	/**
	 * A probe of one step.
	 * @param step the step
	 * @return the probe
	 */
	public static Readiness of(ReadinessStep step) {
		return new Readiness(List.of(step), DEFAULT_STEP_TIMEOUT, DEFAULT_TIMEOUT, DEFAULT_INITIAL_INTERVAL,
				DEFAULT_MAX_INTERVAL);
	}

	/**
	 * The port is published by the provider.
	 * @param port the port inside the resource
	 * @return the step
	 */
	public static ReadinessStep port(int port) {
		return new ReadinessStep.PortPublished(checkPort(port));
	}

	/**
	 * A TCP connection to the port succeeds.
	 * @param port the port inside the resource
	 * @return the step
	 */
	public static ReadinessStep tcp(int port) {
		return new ReadinessStep.TcpOpen(checkPort(port));
	}

	/**
	 * A {@code GET} of the path answers 200.
	 * @param port the port inside the resource
	 * @param path the path
	 * @return the step
	 */
	public static ReadinessStep http(int port, String path) {
		return http(port, path, 200);
	}

	/**
	 * A {@code GET} of the path answers the expected status.
	 * @param port the port inside the resource
	 * @param path the path
	 * @param expectedStatus the status
	 * @return the step
	 */
	public static ReadinessStep http(int port, String path, int expectedStatus) {
		Objects.requireNonNull(path, "path");
		if (!path.startsWith("/")) {
			throw new IllegalArgumentException("path must start with '/', was " + path);
		}
		if (expectedStatus < 100 || expectedStatus > 599) {
			throw new IllegalArgumentException("expectedStatus must be an HTTP status, was " + expectedStatus);
		}
		return new ReadinessStep.HttpHealthy(checkPort(port), path, expectedStatus);
	}

	private static int checkPort(int port) {
		if (port < 1 || port > 65535) {
			throw new IllegalArgumentException("port must be 1 to 65535, was " + port);
		}
		return port;
	}

	/**
	 * This probe followed by a step.
	 * @param step the next step
	 * @return the probe
	 */
	public Readiness then(ReadinessStep step) {
		List<ReadinessStep> more = new ArrayList<>(this.steps);
		more.add(Objects.requireNonNull(step, "step"));
		return new Readiness(more, this.stepTimeout, this.timeout, this.initialInterval, this.maxInterval);
	}

	/**
	 * The same probe with other timeouts.
	 * @param stepTimeout how long one step may take
	 * @param timeout how long the whole probe may take
	 * @return the probe
	 */
	public Readiness withTimeouts(Duration stepTimeout, Duration timeout) {
		return new Readiness(this.steps, stepTimeout, timeout, this.initialInterval, this.maxInterval);
	}

	/**
	 * The same probe with another back-off.
	 * @param initialInterval the first pause between two checks
	 * @param maxInterval the longest pause
	 * @return the probe
	 */
	public Readiness withBackOff(Duration initialInterval, Duration maxInterval) {
		return new Readiness(this.steps, this.stepTimeout, this.timeout, initialInterval, maxInterval);
	}

}
