package io.exatlas.providers.mock.autoconfigure;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.exatlas.compute.CloudType;
import io.exatlas.compute.GpuAvailability;
import io.exatlas.compute.Offer;
import io.exatlas.internal.PropertyRules;
import io.exatlas.providers.mock.MockComputeProvider;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Settings of the in-memory mock provider.
 */
@ConfigurationProperties("exatlas.providers.mock")
public class MockProviderProperties implements Validator {

	/**
	 * Whether the mock provider (id "mock") is registered. When unset, it is registered only when it is the default
	 * provider or no cloud provider is configured (no credential property or environment variable, no Fly app).
	 */
	private @Nullable Boolean enabled;

	/**
	 * Time between the steps of a mock job (queued, in progress, each output chunk, completed); 0 completes jobs
	 * as they are submitted.
	 */
	private Duration jobStepDelay = Duration.ofMillis(250);

	/**
	 * Number of output chunks a mock job streams.
	 */
	private int jobSteps = 3;

	/**
	 * The offers the mock lists for placement (each: gpu, region, price-per-gpu-hour, cloud-type, spot, gpu-count,
	 * availability); empty: one free on-demand and one free spot offer per catalogued GPU.
	 */
	private List<OfferProperties> offers = new ArrayList<>();

	public @Nullable Boolean getEnabled() {
		return this.enabled;
	}

	public void setEnabled(@Nullable Boolean enabled) {
		this.enabled = enabled;
	}

	public Duration getJobStepDelay() {
		return this.jobStepDelay;
	}

	public void setJobStepDelay(Duration jobStepDelay) {
		this.jobStepDelay = jobStepDelay;
	}

	public int getJobSteps() {
		return this.jobSteps;
	}

	public void setJobSteps(int jobSteps) {
		this.jobSteps = jobSteps;
	}

	public List<OfferProperties> getOffers() {
		return this.offers;
	}

	public void setOffers(List<OfferProperties> offers) {
		this.offers = offers;
	}

	/**
	 * The configured offers, or {@code null} for the default ones.
	 * @return the offers
	 */
	public @Nullable List<Offer> toOffers() {
		return this.offers.isEmpty() ? null : this.offers.stream().map(OfferProperties::toOffer).toList();
	}

	@Override
	public boolean supports(Class<?> type) {
		return MockProviderProperties.class.isAssignableFrom(type);
	}

	/**
	 * Reject values that cannot work, after binding (Spring Boot reports each with the property and the reason).
	 * @param target this object
	 * @param errors the rejections
	 */
	@Override
	public void validate(Object target, Errors errors) {
		PropertyRules.notNegative(errors, "jobStepDelay", this.jobStepDelay);
		PropertyRules.atLeast(errors, "jobSteps", this.jobSteps, 1);
		for (int i = 0; i < this.offers.size(); i++) {
			OfferProperties offer = this.offers.get(i);
			if (offer.getGpu() == null || offer.getGpu().isBlank()) {
				errors.rejectValue("offers[" + i + "].gpu", "required", "an offer needs a GPU");
			}
			if (offer.getPricePerGpuHour() != null && offer.getPricePerGpuHour().signum() < 0) {
				errors.rejectValue("offers[" + i + "].pricePerGpuHour", "negative", "must not be negative");
			}
			if (offer.getGpuCount() != null) {
				PropertyRules.atLeast(errors, "offers[" + i + "].gpuCount", offer.getGpuCount(), 1);
			}
		}
	}

	/**
	 * One offer of the mock.
	 */
	public static class OfferProperties {

		/**
		 * The canonical GPU id, e.g. h100.
		 */
		private @Nullable String gpu;

		/**
		 * The region, if any.
		 */
		private @Nullable String region;

		/**
		 * The price in USD per GPU-hour.
		 */
		private @Nullable BigDecimal pricePerGpuHour;

		/**
		 * The tier.
		 */
		private CloudType cloudType = CloudType.ANY;

		/**
		 * Whether the offer is interruptible.
		 */
		private boolean spot;

		/**
		 * The only GPU count the offer runs, if it is a fixed shape.
		 */
		private @Nullable Integer gpuCount;

		/**
		 * The availability reported.
		 */
		private GpuAvailability availability = GpuAvailability.HIGH;

		public @Nullable String getGpu() {
			return this.gpu;
		}

		public void setGpu(@Nullable String gpu) {
			this.gpu = gpu;
		}

		public @Nullable String getRegion() {
			return this.region;
		}

		public void setRegion(@Nullable String region) {
			this.region = region;
		}

		public @Nullable BigDecimal getPricePerGpuHour() {
			return this.pricePerGpuHour;
		}

		public void setPricePerGpuHour(@Nullable BigDecimal pricePerGpuHour) {
			this.pricePerGpuHour = pricePerGpuHour;
		}

		public CloudType getCloudType() {
			return this.cloudType;
		}

		public void setCloudType(CloudType cloudType) {
			this.cloudType = cloudType;
		}

		public boolean isSpot() {
			return this.spot;
		}

		public void setSpot(boolean spot) {
			this.spot = spot;
		}

		public @Nullable Integer getGpuCount() {
			return this.gpuCount;
		}

		public void setGpuCount(@Nullable Integer gpuCount) {
			this.gpuCount = gpuCount;
		}

		public GpuAvailability getAvailability() {
			return this.availability;
		}

		public void setAvailability(GpuAvailability availability) {
			this.availability = availability;
		}

		Offer toOffer() {
			String id = String.valueOf(this.gpu);
			return new Offer(MockComputeProvider.ID, id, "mock-" + id, this.gpuCount, this.region, this.cloudType,
					this.spot, this.pricePerGpuHour, this.availability, null);
		}

	}

}
