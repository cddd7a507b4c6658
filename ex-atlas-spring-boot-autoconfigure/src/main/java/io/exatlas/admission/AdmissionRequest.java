package io.exatlas.admission;

import java.util.Objects;

import io.exatlas.compute.ComputeRequest;
import io.exatlas.compute.Offer;
import org.jspecify.annotations.Nullable;

/**
 * What a spawn policy judges: the request, the user it is for (sessions), the provider it goes to, and the offer
 * (placement attempts, where the price is known).
 *
 * @param request the request
 * @param userId the user, for a session
 * @param provider the provider, when known before the call
 * @param offer the offer a placement attempt is about to use
 */
public record AdmissionRequest(ComputeRequest request, @Nullable String userId, @Nullable String provider,
		@Nullable Offer offer) {

	/**
	 * Validates the request.
	 * @param request the request
	 * @param userId the user
	 * @param provider the provider
	 * @param offer the offer
	 */
	public AdmissionRequest {
		Objects.requireNonNull(request, "request");
	}

}
