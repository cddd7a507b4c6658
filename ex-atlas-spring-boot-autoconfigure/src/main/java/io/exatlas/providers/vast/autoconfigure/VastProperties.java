package io.exatlas.providers.vast.autoconfigure;

import io.exatlas.internal.PropertyRules;
import io.exatlas.providers.http.autoconfigure.HttpProviderProperties;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;

/**
 * Settings of the Vast.ai provider (id "vast"). The API key falls back to the VAST_API_KEY environment variable.
 */
@ConfigurationProperties("exatlas.providers.vast")
public class VastProperties extends HttpProviderProperties {

	/**
	 * Base URL of Vast's REST API.
	 */
	private String baseUrl = "https://console.vast.ai";

	/**
	 * Disk size in GB of an instance whose request sets no containerDiskGb; offers with less disk are skipped.
	 */
	private int defaultDiskGb = 20;

	/**
	 * How many of the cheapest matching offers a spawn tries when Vast answers that an offer was taken.
	 */
	private int offersTried = 3;

	public String getBaseUrl() {
		return this.baseUrl;
	}

	public void setBaseUrl(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	public int getDefaultDiskGb() {
		return this.defaultDiskGb;
	}

	public void setDefaultDiskGb(int defaultDiskGb) {
		this.defaultDiskGb = defaultDiskGb;
	}

	public int getOffersTried() {
		return this.offersTried;
	}

	public void setOffersTried(int offersTried) {
		this.offersTried = offersTried;
	}

	@Override
	public void validate(Object target, Errors errors) {
		super.validate(target, errors);
		PropertyRules.atLeast(errors, "defaultDiskGb", this.defaultDiskGb, 1);
		PropertyRules.atLeast(errors, "offersTried", this.offersTried, 1);
	}

}
