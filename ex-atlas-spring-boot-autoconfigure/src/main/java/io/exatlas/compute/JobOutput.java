package io.exatlas.compute;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One piece of a job's streamed partial output.
 *
 * @param output the partial output value
 * @param raw the provider's chunk as it came over the wire
 */
public record JobOutput(@Nullable Object output, Map<String, Object> raw) {

	/**
	 * Copies the raw chunk.
	 * @param output the value
	 * @param raw the raw chunk
	 */
	public JobOutput {
		raw = (raw != null) ? java.util.Collections.unmodifiableMap(new LinkedHashMap<>(raw)) : Map.of();
	}

}
