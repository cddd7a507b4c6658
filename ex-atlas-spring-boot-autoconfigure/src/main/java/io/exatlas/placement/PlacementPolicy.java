package io.exatlas.placement;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.exatlas.compute.CloudType;
import org.jspecify.annotations.Nullable;

/**
 * The constraints of a placement: which providers, regions and tiers may be used, the highest acceptable price per
 * hour (for the whole request: price per GPU-hour times the GPU count), whether spot offers may be used, how many
 * offers to try, and an optional "retry until up" deadline that re-plans with fresh offers while every offer is out
 * of capacity.
 *
 * @param providers the providers allowed (empty: every registered one)
 * @param regions the regions allowed (empty: any; an offer without a region is allowed only when empty)
 * @param maxPricePerHour the highest price per hour for the request, or {@code null} for no limit (offers without
 * a price are then allowed, ranked last)
 * @param cloudTypes the tiers allowed ({@link CloudType#ANY} stands for offers of providers with one tier)
 * @param spot whether spot offers may be used
 * @param maxAttempts how many offers one pass of a placement tries at most
 * @param retryUntilUp how long to keep re-planning while every offer is out of capacity, or {@code null}
 * @param retryInterval the pause between two passes of "retry until up"
 */
public record PlacementPolicy(Set<String> providers, Set<String> regions, @Nullable BigDecimal maxPricePerHour,
		Set<CloudType> cloudTypes, SpotPolicy spot, int maxAttempts, @Nullable Duration retryUntilUp,
		Duration retryInterval) {

	/** The default number of offers a pass tries. */
	public static final int DEFAULT_MAX_ATTEMPTS = 5;

	/** The default pause between passes of "retry until up". */
	public static final Duration DEFAULT_RETRY_INTERVAL = Duration.ofSeconds(30);

	/**
	 * Validates the policy.
	 * @param providers the providers
	 * @param regions the regions
	 * @param maxPricePerHour the price limit
	 * @param cloudTypes the tiers
	 * @param spot the spot policy
	 * @param maxAttempts the attempts per pass
	 * @param retryUntilUp the retry deadline
	 * @param retryInterval the pause between passes
	 */
	public PlacementPolicy {
		providers = Set.copyOf(providers);
		regions = Set.copyOf(regions);
		cloudTypes = cloudTypes.isEmpty() ? EnumSet.allOf(CloudType.class) : Set.copyOf(cloudTypes);
		Objects.requireNonNull(spot, "spot");
		Objects.requireNonNull(retryInterval, "retryInterval");
		if (maxPricePerHour != null && maxPricePerHour.signum() < 0) {
			throw new IllegalArgumentException("maxPricePerHour must not be negative, was " + maxPricePerHour);
		}
		if (maxAttempts < 1) {
			throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
		}
		if (retryUntilUp != null && (retryUntilUp.isNegative() || retryUntilUp.isZero())) {
			throw new IllegalArgumentException("retryUntilUp must be positive, was " + retryUntilUp);
		}
		if (retryInterval.isNegative() || retryInterval.isZero()) {
			throw new IllegalArgumentException("retryInterval must be positive, was " + retryInterval);
		}
	}

	/**
	 * Any provider, region and tier, on demand, no price limit, five attempts, no retry.
	 * @return the policy
	 */
	public static PlacementPolicy defaults() {
		return builder().build();
	}

	/**
	 * Start a policy from the defaults.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * A builder initialised from this policy.
	 * @return a builder
	 */
	public Builder toBuilder() {
		Builder builder = new Builder();
		builder.providers.addAll(this.providers);
		builder.regions.addAll(this.regions);
		builder.maxPricePerHour = this.maxPricePerHour;
		builder.cloudTypes.addAll(this.cloudTypes);
		builder.spot = this.spot;
		builder.maxAttempts = this.maxAttempts;
		builder.retryUntilUp = this.retryUntilUp;
		builder.retryInterval = this.retryInterval;
		return builder;
	}

	/**
	 * Builds a {@link PlacementPolicy}.
	 */
	public static final class Builder {

		private final Set<String> providers = new LinkedHashSet<>();

		private final Set<String> regions = new LinkedHashSet<>();

		private @Nullable BigDecimal maxPricePerHour;

		private final Set<CloudType> cloudTypes = EnumSet.noneOf(CloudType.class);

		private SpotPolicy spot = SpotPolicy.ON_DEMAND;

		private int maxAttempts = DEFAULT_MAX_ATTEMPTS;

		private @Nullable Duration retryUntilUp;

		private Duration retryInterval = DEFAULT_RETRY_INTERVAL;

		private Builder() {
		}

		/**
		 * Allow only these providers.
		 * @param providers the provider ids
		 * @return this builder
		 */
		public Builder providers(String... providers) {
			this.providers.addAll(List.of(providers));
			return this;
		}

		/**
		 * Allow only these regions.
		 * @param regions the regions
		 * @return this builder
		 */
		public Builder regions(String... regions) {
			this.regions.addAll(List.of(regions));
			return this;
		}

		/**
		 * Refuse offers above this price per hour for the whole request.
		 * @param maxPricePerHour the limit in USD
		 * @return this builder
		 */
		public Builder maxPricePerHour(@Nullable BigDecimal maxPricePerHour) {
			this.maxPricePerHour = maxPricePerHour;
			return this;
		}

		/**
		 * Allow only these tiers.
		 * @param cloudTypes the tiers
		 * @return this builder
		 */
		public Builder cloudTypes(CloudType... cloudTypes) {
			this.cloudTypes.addAll(List.of(cloudTypes));
			return this;
		}

		/**
		 * Whether spot offers may be used.
		 * @param spot the spot policy
		 * @return this builder
		 */
		public Builder spot(SpotPolicy spot) {
			this.spot = spot;
			return this;
		}

		/**
		 * How many offers one pass tries at most.
		 * @param maxAttempts the attempts
		 * @return this builder
		 */
		public Builder maxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
			return this;
		}

		/**
		 * Keep re-planning with fresh offers while every offer is out of capacity, until this long has passed.
		 * @param retryUntilUp the deadline, or {@code null} for one pass
		 * @return this builder
		 */
		public Builder retryUntilUp(@Nullable Duration retryUntilUp) {
			this.retryUntilUp = retryUntilUp;
			return this;
		}

		/**
		 * The pause between two passes of "retry until up".
		 * @param retryInterval the pause
		 * @return this builder
		 */
		public Builder retryInterval(Duration retryInterval) {
			this.retryInterval = retryInterval;
			return this;
		}

		/**
		 * Build the policy.
		 * @return the policy
		 */
		public PlacementPolicy build() {
			return new PlacementPolicy(this.providers, this.regions, this.maxPricePerHour, this.cloudTypes, this.spot,
					this.maxAttempts, this.retryUntilUp, this.retryInterval);
		}

	}

}
