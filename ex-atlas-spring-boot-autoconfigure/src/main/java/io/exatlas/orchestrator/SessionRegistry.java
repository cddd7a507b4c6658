package io.exatlas.orchestrator;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

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
	 * Whether a session is tracked.
	 * @param id the session (resource) id
	 * @return whether it is tracked
	 */
	default boolean contains(String id) {
		return get(id).isPresent();
	}

}
