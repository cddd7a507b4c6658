package io.exatlas.placement;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

import io.exatlas.event.ExAtlasEvent;

/**
 * A plan was made (for a dry run or a placement pass): how many offers it ranked and left out, from which sources,
 * and how long planning took (mostly fetching offers the cache did not hold).
 */
public final class PlacementPlanEvent extends ExAtlasEvent {

	private static final long serialVersionUID = 1L;

	private final transient PlacementPlan plan;

	private final Duration duration;

	/**
	 * Create the event.
	 * @param source the publishing component
	 * @param clock the clock
	 * @param plan the plan
	 * @param duration how long planning took
	 */
	public PlacementPlanEvent(Object source, Clock clock, PlacementPlan plan, Duration duration) {
		super(source, clock);
		this.plan = Objects.requireNonNull(plan, "plan");
		this.duration = Objects.requireNonNull(duration, "duration");
	}

	/**
	 * The plan.
	 * @return the plan
	 */
	public PlacementPlan plan() {
		return this.plan;
	}

	/**
	 * How long planning took.
	 * @return the duration
	 */
	public Duration duration() {
		return this.duration;
	}

	@Override
	public String toString() {
		return "PlacementPlanEvent[gpu=" + this.plan.request().gpu() + ", candidates=" + this.plan.candidates().size()
				+ ", rejected=" + this.plan.rejected().size() + ", duration=" + this.duration + "]";
	}

}
