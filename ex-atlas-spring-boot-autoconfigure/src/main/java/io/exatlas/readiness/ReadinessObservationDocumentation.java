package io.exatlas.readiness;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations of readiness: one per probe (its timer is the time from the spawn's answer to ready, by provider
 * and GPU) with one child per step, so a trace shows where the minutes went (running, port published, TCP, HTTP).
 * Resource ids are high-cardinality keys (spans only).
 */
public enum ReadinessObservationDocumentation implements ObservationDocumentation {

	/**
	 * A readiness probe of one resource, from its first check to ready or not ready.
	 */
	READINESS {

		@Override
		public String getName() {
			return "exatlas.compute.readiness";
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return new KeyName[] { Keys.PROVIDER, Keys.GPU, Keys.OUTCOME, Keys.STEP };
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return new KeyName[] { Keys.RESOURCE };
		}

	},

	/**
	 * One step of a probe, from its first check to passing or giving up.
	 */
	READINESS_STEP {

		@Override
		public String getName() {
			return "exatlas.compute.readiness.step";
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return new KeyName[] { Keys.PROVIDER, Keys.STEP, Keys.OUTCOME };
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return new KeyName[] { Keys.CHECKS };
		}

	};

	/**
	 * The keys.
	 */
	public enum Keys implements KeyName {

		/** The provider id. */
		PROVIDER("provider"),

		/** The GPU type as the provider reported it ({@code none} without one). */
		GPU("gpu"),

		/** {@code ready}, {@code not_ready} or {@code cancelled}; for a step {@code passed}, {@code failed} or {@code cancelled}. */
		OUTCOME("outcome"),

		/** The step ({@code running}, {@code port}, {@code tcp}, {@code http}); for a probe, the step that failed or {@code none}. */
		STEP("step"),

		/** The resource id (high cardinality). */
		RESOURCE("resource.id"),

		/** How many checks a step took (high cardinality). */
		CHECKS("checks");

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
