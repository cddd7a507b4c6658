package io.exatlas.cluster.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the Redis integration used by multi-instance deployments (with
 * {@code exatlas.fly.tokens.store=redis} and/or {@code exatlas.orchestrator.registry=redis}). The connection itself
 * is Spring Boot's: {@code spring.data.redis.*}.
 */
@ConfigurationProperties("exatlas.redis")
public class ExAtlasRedisProperties {

	/**
	 * Prefix of every Redis key and channel the library uses; give each application its own.
	 */
	private String keyPrefix = "exatlas:";

	/**
	 * Whether deleting an app's shared Fly token (invalidate, refresh) drops the cached copy on every instance.
	 */
	private boolean tokenInvalidation = true;

	/**
	 * Whether compute session events are relayed between instances and published as RemoteComputeSessionEvent.
	 */
	private boolean relayEvents;

	public String getKeyPrefix() {
		return this.keyPrefix;
	}

	public void setKeyPrefix(String keyPrefix) {
		this.keyPrefix = keyPrefix;
	}

	public boolean isTokenInvalidation() {
		return this.tokenInvalidation;
	}

	public void setTokenInvalidation(boolean tokenInvalidation) {
		this.tokenInvalidation = tokenInvalidation;
	}

	public boolean isRelayEvents() {
		return this.relayEvents;
	}

	public void setRelayEvents(boolean relayEvents) {
		this.relayEvents = relayEvents;
	}

}
