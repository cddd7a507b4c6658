package io.exatlas.fly.deploy;

import java.time.Clock;
import java.util.Objects;

import io.exatlas.event.ExAtlasEvent;

/**
 * One non-empty output line of a streamed deploy: the reference's {@code [:ex_atlas, :fly, :deploy, :line]}. The
 * line's content is deliberately not part of the event (build output can contain tokens); {@link #count()} is
 * always 1 so a counter sums to the number of lines.
 */
public final class FlyDeployLineEvent extends ExAtlasEvent {

	private static final long serialVersionUID = 1L;

	private final String ticketId;

	/**
	 * Create the event.
	 * @param source the publishing component
	 * @param clock the clock
	 * @param ticketId the deploy's ticket id
	 */
	public FlyDeployLineEvent(Object source, Clock clock, String ticketId) {
		super(source, clock);
		this.ticketId = Objects.requireNonNull(ticketId, "ticketId");
	}

	/**
	 * The deploy's ticket id.
	 * @return the ticket id
	 */
	public String ticketId() {
		return this.ticketId;
	}

	/**
	 * The number of lines this event stands for.
	 * @return 1
	 */
	public int count() {
		return 1;
	}

	@Override
	public String toString() {
		return "FlyDeployLineEvent[ticketId=" + this.ticketId + "]";
	}

}
