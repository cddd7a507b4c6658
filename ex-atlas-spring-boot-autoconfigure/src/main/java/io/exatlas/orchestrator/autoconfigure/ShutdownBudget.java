package io.exatlas.orchestrator.autoconfigure;

import java.time.Duration;

import io.exatlas.providers.http.HttpProviderSettings;
import org.jspecify.annotations.Nullable;

/**
 * How the orchestrator's shutdown budget compares with one terminate against a cloud that does not answer. The
 * budget always wins (each termination at shutdown gets what is left of it as its deadline, and what is not
 * confirmed is handed over or left to the reaper); this says so at start-up when the worst case does not fit, so
 * nobody learns it from a shutdown.
 */
final class ShutdownBudget {

	private ShutdownBudget() {
	}

	private static String shown(Duration duration) {
		return duration.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
	}

	/**
	 * The start-up note for a budget shorter than one worst-case terminate.
	 * @param shutdownTimeout {@code exatlas.orchestrator.shutdown-timeout}
	 * @param http the default HTTP settings of the providers
	 * @return the note, or {@code null} when the worst case fits
	 */
	static @Nullable String note(Duration shutdownTimeout, HttpProviderSettings http) {
		Duration worstCase = http.worstCaseCall();
		if (shutdownTimeout.compareTo(worstCase) >= 0) {
			return null;
		}
		return "The shutdown budget " + shown(shutdownTimeout) + " (exatlas.orchestrator.shutdown-timeout) is shorter "
				+ "than one terminate against a cloud that does not answer (" + shown(worstCase) + " with exatlas.http.*); "
				+ "sessions not confirmed terminated in time are handed to another instance or left to the reaper";
	}

}
