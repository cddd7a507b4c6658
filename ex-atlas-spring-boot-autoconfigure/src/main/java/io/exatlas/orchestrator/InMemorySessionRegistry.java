package io.exatlas.orchestrator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.exatlas.spend.SessionSpend;
import org.jspecify.annotations.Nullable;

/**
 * The default {@link SessionRegistry}: a concurrent map in this JVM. {@code touch} is one map lookup and one
 * volatile write; a spend update replaces the session's record under the entry's lock.
 */
public class InMemorySessionRegistry implements SessionRegistry {

	private final ConcurrentMap<String, Entry> sessions = new ConcurrentHashMap<>();

	@Override
	public boolean register(SessionRecord session, long lastActivityMillis) {
		return this.sessions.putIfAbsent(session.id(), new Entry(session, lastActivityMillis)) == null;
	}

	@Override
	public boolean touch(String id, long nowMillis) {
		Entry entry = this.sessions.get(id);
		if (entry == null) {
			return false;
		}
		entry.lastActivity = nowMillis;
		return true;
	}

	@Override
	public OptionalLong lastActivity(String id) {
		Entry entry = this.sessions.get(id);
		return (entry != null) ? OptionalLong.of(entry.lastActivity) : OptionalLong.empty();
	}

	@Override
	public Optional<SessionRecord> get(String id) {
		Entry entry = this.sessions.get(id);
		return (entry != null) ? Optional.of(entry.session) : Optional.empty();
	}

	@Override
	public boolean remove(String id) {
		return this.sessions.remove(id) != null;
	}

	@Override
	public Optional<SessionRecord> take(String id) {
		Entry entry = this.sessions.get(id);
		if (entry == null) {
			return Optional.empty();
		}
		synchronized (entry) {
			// Under the entry's lock, so that a spend update either lands before the removal or not at all.
			return this.sessions.remove(id, entry) ? Optional.of(entry.session) : Optional.empty();
		}
	}

	@Override
	public boolean updateSpend(String id, @Nullable SessionSpend expected, SessionSpend updated) {
		Entry entry = this.sessions.get(id);
		if (entry == null) {
			return false;
		}
		synchronized (entry) {
			if (!Objects.equals(entry.session.spend(), expected) || this.sessions.get(id) != entry) {
				return false;
			}
			entry.session = entry.session.withSpend(updated);
			return true;
		}
	}

	@Override
	public int size() {
		return this.sessions.size();
	}

	@Override
	public List<SessionRecord> all() {
		List<SessionRecord> all = new ArrayList<>();
		this.sessions.values().forEach((entry) -> all.add(entry.session));
		all.sort(Comparator.comparing(SessionRecord::trackedSince).thenComparing(SessionRecord::id));
		return all;
	}

	@Override
	public boolean contains(String id) {
		return this.sessions.containsKey(id);
	}

	private static final class Entry {

		private volatile SessionRecord session;

		private volatile long lastActivity;

		Entry(SessionRecord session, long lastActivity) {
			this.session = session;
			this.lastActivity = lastActivity;
		}

	}

}
