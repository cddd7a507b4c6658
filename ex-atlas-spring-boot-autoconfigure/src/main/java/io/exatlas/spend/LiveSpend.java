package io.exatlas.spend;

import java.util.List;

/**
 * The spend of every live session (of every instance, when the session registry is shared). The orchestrator's
 * auto-configuration provides it from the session registry.
 */
@FunctionalInterface
public interface LiveSpend {

	/** No live sessions. */
	LiveSpend NONE = List::of;

	/**
	 * The live sessions that have a price. May block on a shared registry.
	 * @return a snapshot
	 */
	List<SpendingSession> sessions();

}
