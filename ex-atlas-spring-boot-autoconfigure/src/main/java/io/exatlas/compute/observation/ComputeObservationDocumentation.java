package io.exatlas.compute.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations of the compute facade. Each operation is an observation (a timer and, with tracing, a span that
 * parents the spans of the HTTP requests it makes).
 */
public enum ComputeObservationDocumentation implements ObservationDocumentation {

	/**
	 * One compute operation (spawn, get, list, stop, start, terminate, jobs, GPU types) through the facade.
	 */
	COMPUTE_OPERATION {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultComputeOperationObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return LowCardinalityKeys.values();
		}

	};

	/**
	 * Low-cardinality keys (no resource ids: those would make one time series per resource).
	 */
	public enum LowCardinalityKeys implements KeyName {

		/** The provider id. */
		PROVIDER {
			@Override
			public String asString() {
				return "provider";
			}
		},

		/** The operation, e.g. {@code spawn}. */
		OPERATION {
			@Override
			public String asString() {
				return "operation";
			}
		},

		/** {@code success}, {@code error} or {@code cancelled}. */
		OUTCOME {
			@Override
			public String asString() {
				return "outcome";
			}
		},

		/**
		 * The {@link io.exatlas.ErrorKind} in lower case ({@code not_found}, {@code validation}, …), {@code none} on
		 * success. Micrometer's meter handler owns the {@code error} tag (the exception's class name), hence the
		 * separate key.
		 */
		ERROR_KIND {
			@Override
			public String asString() {
				return "error.kind";
			}
		}

	}

}
