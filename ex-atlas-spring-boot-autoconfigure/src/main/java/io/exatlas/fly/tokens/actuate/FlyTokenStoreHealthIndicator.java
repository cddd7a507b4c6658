package io.exatlas.fly.tokens.actuate;

import java.util.Objects;

import io.exatlas.fly.tokens.FileTokenStore;
import io.exatlas.fly.tokens.TokenStore;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Whether the Fly token store keeps tokens where it should: a file store is DOWN, with its path and the cause, when
 * its last start-up check or write failed (tokens then live in memory only and are lost on restart); UP otherwise.
 * Reads the store's status only (no file access per probe); never a token.
 */
public class FlyTokenStoreHealthIndicator implements HealthIndicator {

	private final TokenStore store;

	/**
	 * Create the indicator.
	 * @param store the token store
	 */
	public FlyTokenStoreHealthIndicator(TokenStore store) {
		this.store = Objects.requireNonNull(store, "store");
	}

	@Override
	public Health health() {
		if (!(this.store instanceof FileTokenStore file)) {
			return Health.up().withDetail("store", this.store.getClass().getSimpleName()).build();
		}
		FileTokenStore.Status status = file.status();
		Health.Builder health = (status.state() == FileTokenStore.State.WRITABLE) ? Health.up() : Health.down();
		health.withDetail("store", "file").withDetail("file", status.file().toString()).withDetail("state",
				status.state().name());
		if (status.reason() != null) {
			health.withDetail("reason", status.reason());
		}
		return health.build();
	}

}
