package io.exatlas.compute.observation;

import java.util.Locale;

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
		return KeyValues.of(LowCardinalityKeys.PROVIDER.withValue(context.provider()),
				LowCardinalityKeys.OPERATION.withValue(context.operation().tagValue()),
				LowCardinalityKeys.OUTCOME.withValue(context.outcome().name().toLowerCase(Locale.ROOT)),
				LowCardinalityKeys.ERROR.withValue((context.errorKind() != null)
						? context.errorKind().name().toLowerCase(Locale.ROOT) : "none"));
	}

}
