package io.exatlas.compute.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the observation of a compute operation; declare a bean of this type to replace
 * {@link DefaultComputeOperationObservationConvention}.
 */
public interface ComputeOperationObservationConvention extends ObservationConvention<ComputeOperationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof ComputeOperationContext;
	}

}
