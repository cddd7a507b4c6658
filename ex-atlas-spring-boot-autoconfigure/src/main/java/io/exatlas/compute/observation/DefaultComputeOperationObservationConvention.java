package io.exatlas.compute.observation;

import java.util.Locale;

import io.exatlas.compute.ComputeOperationEvent.Outcome;
import io.exatlas.compute.observation.ComputeObservationDocumentation.LowCardinalityKeys;
import io.micrometer.common.KeyValues;

/**
 * The default convention: observation {@value #NAME}, contextual name {@code "<provider> <operation>"}, and the
 * low-cardinality keys of {@link ComputeObservationDocumentation}.
 */
public class DefaultComputeOperationObservationConvention implements ComputeOperationObservationConvention {

	/** The observation name. */
	public static final String NAME = "exatlas.compute.operation";

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(ComputeOperationContext context) {
		return context.provider() + " " + context.operation().tagValue();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(ComputeOperationContext context) {
		KeyValues started = KeyValues.of(LowCardinalityKeys.PROVIDER.withValue(context.provider()),
				LowCardinalityKeys.OPERATION.withValue(context.operation().tagValue()));
		Outcome outcome = context.outcome();
		if (outcome == null) {
			// Still running (the long task timer's tags): no outcome yet, so no "cancelled" series for live calls.
			return started;
		}
		return started.and(LowCardinalityKeys.OUTCOME.withValue(outcome.name().toLowerCase(Locale.ROOT)),
				LowCardinalityKeys.ERROR_KIND.withValue((context.errorKind() != null) ? context.errorKind().tagValue()
						: "none"));
	}

}
