package io.exatlas.orchestrator;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observation of a session spawn through the orchestrator, from the spawn policies to the resource tracked (and
 * ready, for a session spawned ready). It parents the facade's spawn ({@code exatlas.compute.operation}: requested,
 * accepted) or the placement, and the readiness probe's steps (running, port published, TCP, healthy), so a trace
 * shows where the minutes went.
 */
public enum SessionObservationDocumentation implements ObservationDocumentation {

	/**
	 * One session spawn.
	 */
	SESSION_SPAWN {

		@Override
		public String getName() {
			return "exatlas.compute.spawn";
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return Keys.values();
		}

	};

	/**
	 * The keys (no user or resource id: those would make one time series each).
	 */
	public enum Keys implements KeyName {

		/** The provider the session went to ({@code none} when it failed before one answered). */
		PROVIDER("provider"),

		/** {@code tracked}, {@code ready}, {@code failed} or {@code cancelled}. */
		OUTCOME("outcome"),

		/** The error kind in lower case, {@code none} on success. */
		ERROR_KIND("error.kind");

		private final String key;

		Keys(String key) {
			this.key = key;
		}

		@Override
		public String asString() {
			return this.key;
		}

	}

}
