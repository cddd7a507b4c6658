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
		return "Graceful shutdown gives terminations " + shutdownTimeout
				+ " (exatlas.orchestrator.shutdown-timeout); one terminate against a cloud that does not answer can take "
				+ worstCase + " (" + (http.retry().maxRetries() + 1) + " attempts of exatlas.http.connect-timeout "
				+ http.connectTimeout() + " + read-timeout " + http.readTimeout() + ", with back-off, at most "
				+ "exatlas.http.call-timeout " + http.callTimeout() + "). Sessions not confirmed terminated in time are "
				+ "handed to another instance (Redis registry) or left to the reaper; raise the shutdown timeout (and "
				+ "the platform's grace period) or lower the HTTP timeouts to change that";
	}

}
