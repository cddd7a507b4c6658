package io.exatlas.providers.runpod.internal;

import java.math.BigDecimal;

import io.exatlas.ExAtlasException;
import io.exatlas.internal.WireJson;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Small helpers the RunPod translators share.
 */
final class RunPodWire {

	static final String PROVIDER = RunPodPodTranslator.PROVIDER;

	private RunPodWire() {
	}

	static @Nullable String firstText(JsonNode node, String... fields) {
		for (String field : fields) {
			String value = WireJson.text(node, field);
			if (value != null) {
				return value;
			}
		}
		return null;
	}

	@SafeVarargs
	static <T> @Nullable T firstNonNull(@Nullable T... values) {
		for (T value : values) {
			if (value != null) {
				return value;
			}
		}
		return null;
	}

	static @Nullable BigDecimal min(@Nullable BigDecimal a, @Nullable BigDecimal b) {
		BigDecimal positiveA = positive(a);
		BigDecimal positiveB = positive(b);
		if (positiveA == null) {
			return positiveB;
		}
		return (positiveB == null || positiveA.compareTo(positiveB) <= 0) ? positiveA : positiveB;
	}

	static @Nullable BigDecimal positive(@Nullable BigDecimal value) {
		return (value != null && value.signum() > 0) ? value : null;
	}

	static ExAtlasException validation(String message) {
		return ExAtlasException.validation(PROVIDER, message);
	}

}
