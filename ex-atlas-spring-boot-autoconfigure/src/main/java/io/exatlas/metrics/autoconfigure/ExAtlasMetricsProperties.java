package io.exatlas.metrics.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the Micrometer meters fed by the library's events.
 */
@ConfigurationProperties("exatlas.metrics")
public class ExAtlasMetricsProperties {

	/**
	 * Whether the library's events feed Micrometer meters (when Micrometer and a registry are present).
	 */
	private boolean enabled = true;

	/**
	 * Whether Fly meters carry the app name as a tag; enable only when the number of apps is small.
	 */
	private boolean includeAppTag;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public boolean isIncludeAppTag() {
		return this.includeAppTag;
	}

	public void setIncludeAppTag(boolean includeAppTag) {
		this.includeAppTag = includeAppTag;
	}

}
