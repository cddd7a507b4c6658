package io.exatlas.placement.actuate;

import java.util.List;

import io.exatlas.pacing.Pacer;
import io.exatlas.pacing.PacingStatus;
import io.exatlas.placement.OfferCache;
import io.exatlas.placement.OfferCacheStatus;
import io.exatlas.placement.SkippedOffer;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@code /actuator/placement}: per provider the cached offers' count, age, last refresh failure, reads, hit rate and
 * fetches; the skip list of (provider, region, GPU) left out of plans after a capacity error; and the pacing
 * limiters' headroom with the providers held back by their own report. Read only; nothing secret.
 */
@Endpoint(id = "placement", defaultAccess = Access.READ_ONLY)
public class PlacementEndpoint {

	private final OfferCache cache;

	private final @Nullable Pacer pacer;

	/**
	 * Create the endpoint.
	 * @param cache the offer cache
	 * @param pacer the pacer, if any
	 */
	public PlacementEndpoint(OfferCache cache, @Nullable Pacer pacer) {
		this.cache = cache;
		this.pacer = pacer;
	}

	/**
	 * The offer cache, the skip list and the pacing headroom.
	 * @return the descriptor
	 */
	@ReadOperation
	public PlacementDescriptor placement() {
		return new PlacementDescriptor(this.cache.status(), this.cache.skipList(),
				(this.pacer != null) ? this.pacer.status() : List.of(),
				(this.pacer != null) ? this.pacer.holds().entrySet().stream()
					.map((hold) -> new Hold(hold.getKey(), hold.getValue().toString()))
					.toList() : List.of());
	}

	/**
	 * What the endpoint shows.
	 *
	 * @param offers the offer cache per provider
	 * @param skipList the skip list
	 * @param pacing the pacing limiters
	 * @param held the providers held back by their own report of no requests left
	 */
	public record PlacementDescriptor(List<OfferCacheStatus> offers, List<SkippedOffer> skipList,
			List<PacingStatus> pacing, List<Hold> held) implements OperationResponseBody {

	}

	/**
	 * A provider held back until an instant.
	 *
	 * @param provider the provider id
	 * @param until when its requests go again
	 */
	public record Hold(String provider, String until) {

	}

}
