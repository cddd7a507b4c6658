package io.exatlas.admission;

import reactor.core.publisher.Mono;

/**
 * One link of admission control, evaluated before every session spawn and every placement attempt. Declare a bean
 * of this type (ordered with {@code @Order}) to add your own; a policy that does not apply to a request admits it.
 */
@FunctionalInterface
public interface SpawnPolicy {

	/**
	 * Judge a request. Never block: a policy that reads a store does it reactively.
	 * @param request what is about to be spawned
	 * @return the decision
	 */
	Mono<AdmissionDecision> evaluate(AdmissionRequest request);

	/**
	 * The policy's name, the rejection's code.
	 * @return the name
	 */
	default String name() {
		String simple = getClass().getSimpleName();
		return simple.isEmpty() ? "spawn-policy" : simple;
	}

}
