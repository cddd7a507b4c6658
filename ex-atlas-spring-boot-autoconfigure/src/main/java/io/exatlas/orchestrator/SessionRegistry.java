package io.exatlas.orchestrator;

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
	 * Whether a session is tracked.
	 * @param id the session (resource) id
	 * @return whether it is tracked
	 */
	default boolean contains(String id) {
		return get(id).isPresent();
	}

}
