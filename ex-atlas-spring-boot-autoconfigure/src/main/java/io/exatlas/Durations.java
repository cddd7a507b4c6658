package io.exatlas;

import java.time.Duration;

/**
 * The bound on every duration the library computes deadlines with, shared by every area of the library.
 */
public final class Durations {

	/**
	 * The longest idle TTL, lifetime, timer or timeout accepted anywhere: 10 years. Epoch milliseconds plus this never
	 * overflow, and {@link Duration#toMillis()} of it never throws.
	 */
	public static final Duration LONGEST = Duration.ofDays(3650);

	private Durations() {
	}

	/**
	 * Whether a duration is within {@link #LONGEST}.
	 * @param value the duration
	 * @return whether it is at most {@link #LONGEST}
	 */
	public static boolean withinLongest(Duration value) {
		return value.compareTo(LONGEST) <= 0;
	}

}
