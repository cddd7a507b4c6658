package io.exatlas.fly.deploy;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

import io.exatlas.event.ExAtlasEvent;
import org.jspecify.annotations.Nullable;

/**
 * The end of a streamed deploy: the reference's {@code [:ex_atlas, :fly, :deploy, :exit]}, published exactly once
 * per deploy.
 */
public final class FlyDeployExitEvent extends ExAtlasEvent {

	private static final long serialVersionUID = 1L;

	private final String ticketId;

	private final DeployResult result;

	private final @Nullable Integer exitCode;

	private final Duration duration;

	/**
	 * Create the event.
	 * @param source the publishing component
	 * @param clock the clock
	 * @param ticketId the deploy's ticket id
	 * @param result how it ended
	 * @param exitCode the CLI's exit code when it exited, else {@code null}
	 * @param duration how long it ran
	 */
	public FlyDeployExitEvent(Object source, Clock clock, String ticketId, DeployResult result,
			@Nullable Integer exitCode, Duration duration) {
		super(source, clock);
		this.ticketId = Objects.requireNonNull(ticketId, "ticketId");
		this.result = Objects.requireNonNull(result, "result");
		this.exitCode = exitCode;
		this.duration = Objects.requireNonNull(duration, "duration");
	}

	/**
	 * The deploy's ticket id.
	 * @return the ticket id
	 */
	public String ticketId() {
		return this.ticketId;
	}

	/**
	 * How the deploy ended.
	 * @return the result
	 */
	public DeployResult result() {
		return this.result;
	}

	/**
	 * The CLI's exit code, when it exited.
	 * @return the code, or {@code null}
	 */
	public @Nullable Integer exitCode() {
		return this.exitCode;
	}

	/**
	 * How long the deploy ran.
	 * @return the duration
	 */
	public Duration duration() {
		return this.duration;
	}

	@Override
	public String toString() {
		return "FlyDeployExitEvent[ticketId=" + this.ticketId + ", result=" + this.result + ", exitCode="
				+ this.exitCode + ", duration=" + this.duration + "]";
	}

}
