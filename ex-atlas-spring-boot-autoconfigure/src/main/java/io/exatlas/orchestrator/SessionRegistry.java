package io.exatlas.orchestrator;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import io.exatlas.spend.SessionSpend;
import io.exatlas.spend.SpendingSession;
import org.jspecify.annotations.Nullable;

/**
 * Where the orchestrator keeps tracked sessions and their last activity. The default is in memory (one instance);
 * a shared implementation lets several instances see, touch and take over each other's sessions. Implementations
 * must be thread-safe, and {@link #touch} must be cheap: applications call it once per request.
 */
public interface SessionRegistry {

	/**
	 * Start tracking a session.
	 * @param session the session
	 * @param lastActivityMillis its initial last activity (epoch milliseconds)
	 * @return {@code false} when a session with that id is already tracked (nothing changes)
	 */
	boolean register(SessionRecord session, long lastActivityMillis);

	/**
	 * Record activity.
	 * @param id the session id
	 * @param nowMillis the activity time (epoch milliseconds)
	 * @return {@code false} when the session is not tracked
	 */
	boolean touch(String id, long nowMillis);

	/**
	 * The last activity of a session.
	 * @param id the session id
	 * @return epoch milliseconds, or empty when it is not tracked
	 */
	OptionalLong lastActivity(String id);

	/**
	 * A tracked session.
	 * @param id the session id
	 * @return the session, or empty
	 */
	Optional<SessionRecord> get(String id);

	/**
	 * Stop tracking a session. Exactly one caller wins when several race (idle expiry, an explicit stop, shutdown):
	 * only the winner terminates the resource.
	 * @param id the session id
	 * @return whether this call removed it
	 */
	boolean remove(String id);

	/**
	 * Stop tracking a session and return it as last stored (its latest spend). Exactly one caller wins when several
	 * race, as for {@link #remove}. The default reads, then removes; registries that keep spend updates override it
	 * so that the read and the removal are one step.
	 * @param id the session id
	 * @return the removed session, or empty when this call did not remove it
	 */
	default Optional<SessionRecord> take(String id) {
		Optional<SessionRecord> record = get(id);
		return (record.isPresent() && remove(id)) ? record : Optional.empty();
	}

	/**
	 * Replace a session's spend figures if they are still {@code expected} (compare and set), so that a settlement
	 * is recorded once even when several instances report a price at the same time. Registries that do not keep
	 * spend updates leave the default, which changes nothing: sessions then keep the price they were spawned at.
	 * @param id the session id
	 * @param expected the spend the caller read ({@code null}: none yet)
	 * @param updated the new spend
	 * @return whether this call replaced it ({@code false} when the session is gone or its spend changed)
	 */
	default boolean updateSpend(String id, @Nullable SessionSpend expected, SessionSpend updated) {
		return false;
	}

	/**
	 * Every tracked session.
	 * @return the sessions, oldest first
	 */
	List<SessionRecord> all();

	/**
	 * How many sessions are tracked (read by a metrics gauge on every scrape, so implementations should answer
	 * without copying).
	 * @return the count
	 */
	default int size() {
		return all().size();
	}

	/**
	 * Whether several orchestrator instances share this registry. Only then does the orchestrator send instance
	 * heartbeats and look for sessions whose owner died.
	 * @return {@code false} for a registry local to one instance (the default)
	 */
	default boolean isShared() {
		return false;
	}

	/**
	 * Record that an orchestrator instance is alive for the next {@code ttl}.
	 * @param instanceId the instance
	 * @param ttl how long the heartbeat lasts
	 */
	default void heartbeat(String instanceId, Duration ttl) {
	}

	/**
	 * Whether an orchestrator instance's last heartbeat has not expired.
	 * @param instanceId the instance
	 * @return {@code true} for a registry local to one instance
	 */
	default boolean isAlive(String instanceId) {
		return true;
	}

	/**
	 * Take a session over: make {@code newOwner} its owner if its owner is still {@code expectedOwner}. Exactly one
	 * of several instances racing for the same session wins.
	 * @param id the session id
	 * @param expectedOwner the (dead) owner
	 * @param newOwner the instance taking over
	 * @return whether this call took it over
	 */
	default boolean claim(String id, String expectedOwner, String newOwner) {
		return false;
	}

	/**
	 * An instance leaves (shutdown that leaves its sessions running): its sessions may be taken over at once.
	 * @param instanceId the instance
	 */
	default void leave(String instanceId) {
	}

	/**
	 * The spend of every tracked session that has a price (what {@link io.exatlas.spend.LiveSpend} reads).
	 * @return a snapshot
	 */
	default List<SpendingSession> spending() {
		return all().stream()
			.filter((record) -> record.spend() != null)
			.map((record) -> new SpendingSession(record.provider(), record.userId(),
					java.util.Objects.requireNonNull(record.spend())))
			.toList();
	}

	/**
	 * Whether a session is tracked.
	 * @param id the session (resource) id
	 * @return whether it is tracked
	 */
	default boolean contains(String id) {
		return get(id).isPresent();
	}

}
