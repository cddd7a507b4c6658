package io.exatlas.placement;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations of placement: one per placement (its timer is the time to placement) with one child per
 * attempt, which parents the attempt's spawn ({@code exatlas.compute.operation}) and so its HTTP requests. Regions
 * and attempt numbers are high-cardinality keys (spans only).
 */
public enum PlacementObservationDocumentation implements ObservationDocumentation {

	/**
	 * A placement, from the first plan to the resource or the final error (every pass of "retry until up").
	 */
	PLACEMENT {

		@Override
		public String getName() {
			return "exatlas.compute.placement";
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return new KeyName[] { Keys.GPU, Keys.OUTCOME, Keys.ERROR_KIND, Keys.PROVIDER };
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return new KeyName[] { Keys.ATTEMPTS };
		}

	},

	/**
	 * One attempt of a placement: the create on one offer.
	 */
	PLACEMENT_ATTEMPT {

		@Override
		public String getName() {
			return "exatlas.compute.placement.attempt";
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return new KeyName[] { Keys.PROVIDER, Keys.OUTCOME, Keys.ERROR_KIND };
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return new KeyName[] { Keys.REGION, Keys.ATTEMPT };
		}

	};

	/**
	 * The keys.
	 */
	public enum Keys implements KeyName {

		/** The requested GPU. */
		GPU("gpu"),

		/** The provider placed on (placement: {@code none} when it failed) or tried (attempt). */
		PROVIDER("provider"),

		/** Placement: {@code placed}, {@code failed} or {@code cancelled}; attempt: the attempt's outcome. */
		OUTCOME("outcome"),

		/** The error kind in lower case, {@code none} on success. */
		ERROR_KIND("error.kind"),

		/** The offer's region (high cardinality). */
		REGION("region"),

		/** The attempt's number (high cardinality). */
		ATTEMPT("attempt"),

		/** How many attempts the placement took (high cardinality). */
		ATTEMPTS("attempts");

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
