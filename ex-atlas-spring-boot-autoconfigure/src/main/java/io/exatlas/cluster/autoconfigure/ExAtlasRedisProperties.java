package io.exatlas.cluster.autoconfigure;

import java.time.Duration;

import io.exatlas.internal.PropertyRules;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Settings of the Redis integration used by multi-instance deployments (with
 * {@code exatlas.fly.tokens.store=redis} and/or {@code exatlas.orchestrator.registry=redis}). The connection itself
 * is Spring Boot's: {@code spring.data.redis.*}.
 */
@ConfigurationProperties("exatlas.redis")
public class ExAtlasRedisProperties implements Validator {

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

	/**
	 * Whether spawns with an idempotency key share their outcome between instances through Redis. Unset: on when
	 * exatlas.orchestrator.registry=redis.
	 */
	private @Nullable Boolean idempotency;

	/**
	 * How long a spawn waits for the outcome of a spawn with the same idempotency key that another instance is
	 * running, before it fails with a TIMEOUT (and spawns nothing).
	 */
	private Duration idempotencyWait = Duration.ofSeconds(60);

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

	public @Nullable Boolean getIdempotency() {
		return this.idempotency;
	}

	public void setIdempotency(@Nullable Boolean idempotency) {
		this.idempotency = idempotency;
	}

	public Duration getIdempotencyWait() {
		return this.idempotencyWait;
	}

	public void setIdempotencyWait(Duration idempotencyWait) {
		this.idempotencyWait = idempotencyWait;
	}

	@Override
	public boolean supports(Class<?> type) {
		return ExAtlasRedisProperties.class.isAssignableFrom(type);
	}

	/**
	 * Reject values that cannot work, after binding (Spring Boot reports each with the property and the reason).
	 * @param target this object
	 * @param errors the rejections
	 */
	@Override
	public void validate(Object target, Errors errors) {
		PropertyRules.positive(errors, "idempotencyWait", this.idempotencyWait);
	}

}
