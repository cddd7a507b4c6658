package io.exatlas.admission;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A spawn policy's answer.
 *
 * @param admitted whether the spawn may go on
 * @param reason why it may not (shown in the error and the event; never a secret)
 */
public record AdmissionDecision(boolean admitted, @Nullable String reason) {

	private static final AdmissionDecision ADMIT = new AdmissionDecision(true, null);

	/**
	 * Go on.
	 * @return the decision
	 */
	public static AdmissionDecision admit() {
		return ADMIT;
	}

	/**
	 * Refuse.
	 * @param reason why
	 * @return the decision
	 */
	public static AdmissionDecision reject(String reason) {
		return new AdmissionDecision(false, Objects.requireNonNull(reason, "reason"));
	}

}
