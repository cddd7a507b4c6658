package io.exatlas.orchestrator;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * What the {@link Reaper} considers an orphan and how often it looks.
 *
 * @param interval time between runs
 * @param namePrefix only resources whose name starts with this are candidates
 * @param gracePeriod how old an untracked resource must be before it is reaped, so a resource between its spawn
 * and its tracking is never taken for an orphan
 * @param providers the providers to reap (empty: every registered provider)
 * @param allowEmptyPrefix whether an empty prefix is accepted: it matches every named resource of the account
 */
public record ReaperSettings(Duration interval, String namePrefix, Duration gracePeriod, Set<String> providers,
		boolean allowEmptyPrefix) {

	/**
	 * Validates the settings.
	 * @param interval interval
	 * @param namePrefix name prefix
	 * @param gracePeriod grace period
	 * @param providers providers
	 * @param allowEmptyPrefix whether an empty prefix is accepted
	 * @throws IllegalArgumentException for an empty prefix that was not explicitly allowed
	 */
	public ReaperSettings {
		Objects.requireNonNull(interval, "interval");
		Objects.requireNonNull(namePrefix, "namePrefix");
		Objects.requireNonNull(gracePeriod, "gracePeriod");
		providers = Set.copyOf(providers);
		if (interval.isNegative() || interval.isZero()) {
			throw new IllegalArgumentException("the reaper interval must be positive");
		}
		if (namePrefix.isEmpty() && !allowEmptyPrefix) {
			throw new IllegalArgumentException("An empty reaper name prefix would terminate every untracked named "
					+ "resource of the account; set exatlas.orchestrator.reaper.allow-empty-prefix=true if that is "
					+ "really wanted");
		}
	}

}
