package io.exatlas.placement.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.exatlas.internal.PropertyRules;
import io.exatlas.placement.OfferCacheSettings;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Placement settings: how long offers are cached, how long a fetch may take, how old a fail-open answer may be and
 * how long a capacity failure keeps its offer out of plans.
 */
@ConfigurationProperties("exatlas.placement")
public class PlacementProperties implements Validator {

	/**
	 * Whether placement (offers, plans, place) is configured.
	 */
	private boolean enabled = true;

	/**
	 * After this long a read refreshes a provider's offers in the background and answers the cached ones meanwhile.
	 */
	private Duration offerTtl = OfferCacheSettings.DEFAULTS.ttl();

	/**
	 * A different offer TTL per provider id, e.g. exatlas.placement.offer-ttl-by-provider.vast=600s.
	 */
	private Map<String, Duration> offerTtlByProvider = new LinkedHashMap<>(OfferCacheSettings.DEFAULTS.ttlByProvider());

	/**
	 * How long one fetch of a provider's offers may take.
	 */
	private Duration offerFetchTimeout = OfferCacheSettings.DEFAULTS.fetchTimeout();

	/**
	 * Offers older than this are not used even when every refresh since failed.
	 */
	private Duration offerMaxStale = OfferCacheSettings.DEFAULTS.maxStale();

	/**
	 * How long a (provider, region, GPU) that just failed with a capacity error is left out of plans.
	 */
	private Duration skipTtl = OfferCacheSettings.DEFAULTS.skipTtl();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Duration getOfferTtl() {
		return this.offerTtl;
	}

	public void setOfferTtl(Duration offerTtl) {
		this.offerTtl = offerTtl;
	}

	public Map<String, Duration> getOfferTtlByProvider() {
		return this.offerTtlByProvider;
	}

	public void setOfferTtlByProvider(Map<String, Duration> offerTtlByProvider) {
		this.offerTtlByProvider = offerTtlByProvider;
	}

	public Duration getOfferFetchTimeout() {
		return this.offerFetchTimeout;
	}

	public void setOfferFetchTimeout(Duration offerFetchTimeout) {
		this.offerFetchTimeout = offerFetchTimeout;
	}

	public Duration getOfferMaxStale() {
		return this.offerMaxStale;
	}

	public void setOfferMaxStale(Duration offerMaxStale) {
		this.offerMaxStale = offerMaxStale;
	}

	public Duration getSkipTtl() {
		return this.skipTtl;
	}

	public void setSkipTtl(Duration skipTtl) {
		this.skipTtl = skipTtl;
	}

	/**
	 * The offer cache settings these properties describe.
	 * @return the settings
	 */
	public OfferCacheSettings toSettings() {
		return new OfferCacheSettings(this.offerTtl, this.offerTtlByProvider, this.offerFetchTimeout,
				this.offerMaxStale, this.skipTtl);
	}

	@Override
	public boolean supports(Class<?> type) {
		return PlacementProperties.class.isAssignableFrom(type);
	}

	/**
	 * Reject values that cannot work, after binding (Spring Boot reports each with the property and the reason).
	 * @param target this object
	 * @param errors the rejections
	 */
	@Override
	public void validate(Object target, Errors errors) {
		PropertyRules.positive(errors, "offerTtl", this.offerTtl);
		this.offerTtlByProvider
			.forEach((provider, ttl) -> PropertyRules.positive(errors, "offerTtlByProvider[" + provider + "]", ttl));
		PropertyRules.positive(errors, "offerFetchTimeout", this.offerFetchTimeout);
		PropertyRules.positive(errors, "offerMaxStale", this.offerMaxStale);
		PropertyRules.positive(errors, "skipTtl", this.skipTtl);
	}

}
