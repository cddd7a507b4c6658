package io.exatlas.orchestrator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The sessions of this instance ordered by when they next need a look (idle deadline or heartbeat). A tick takes
 * only what is due, so its cost follows what expires, not how many sessions are tracked; {@code touch} never
 * touches the queue (a session whose deadline moved is simply looked at and re-queued).
 */
final class ExpiryQueue {

	private final PriorityQueue<Due> queue = new PriorityQueue<>(Comparator.comparingLong(Due::at));

	/**
	 * Look at a session at a time.
	 * @param session the session
	 * @param at when, in epoch milliseconds
	 */
	synchronized void schedule(LocalSession session, long at) {
		this.queue.add(new Due(at, session));
	}

	/**
	 * Take every session due by now, earliest first.
	 * @param now the time, in epoch milliseconds
	 * @return the due sessions
	 */
	synchronized List<LocalSession> pollDue(long now) {
		List<LocalSession> due = new ArrayList<>();
		while (!this.queue.isEmpty() && this.queue.peek().at() <= now) {
			due.add(this.queue.poll().session());
		}
		return due;
	}

	private record Due(long at, LocalSession session) {
	}

}
