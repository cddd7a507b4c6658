package io.exatlas.placement;

import java.util.List;

import io.exatlas.ExAtlasException;

/**
 * A placement that ended without a resource: every tried offer was out of capacity or quota, no offer satisfied the
 * policy, or an attempt failed in a way that stops placement (its kind and reason are this exception's). Carries the
 * attempts, so a caller can see where it tried.
 */
public class PlacementException extends ExAtlasException {

	private static final long serialVersionUID = 1L;

	private final transient List<PlacementAttempt> attempts;

	/**
	 * Create the exception.
	 * @param builder the kind, reason and message
	 * @param attempts the attempts made
	 */
	public PlacementException(ExAtlasException.Builder builder, List<PlacementAttempt> attempts) {
		super(builder);
		this.attempts = List.copyOf(attempts);
	}

	/**
	 * Every create sent, in order.
	 * @return the attempts
	 */
	public List<PlacementAttempt> attempts() {
		return this.attempts;
	}

}
