package io.exatlas.orchestrator;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

import io.exatlas.ErrorKind;
import io.exatlas.event.ExAtlasEvent;
import org.jspecify.annotations.Nullable;

/**
 * One reaper run over one provider: how many untracked resources with the name prefix it found, how many it
 * terminated, how many terminations failed and how many it left alone because they were younger than the grace
 * period.
 */
public final class ReaperRunEvent extends ExAtlasEvent {

	private static final long serialVersionUID = 1L;

	private final String provider;

	private final int found;

	private final int reaped;

	private final int failed;

	private final int tooYoung;

	private final @Nullable ErrorKind listError;

	private final Duration duration;

	/**
	 * Create the event.
	 * @param source the publishing component
	 * @param clock the clock
	 * @param provider the provider id
	 * @param found untracked resources with the prefix
	 * @param reaped resources terminated
	 * @param failed terminations that failed
	 * @param tooYoung resources left alone for now (younger than the grace period)
	 * @param listError why listing the provider's resources failed, or {@code null}
	 * @param duration how long the run took
	 */
	public ReaperRunEvent(Object source, Clock clock, String provider, int found, int reaped, int failed, int tooYoung,
			@Nullable ErrorKind listError, Duration duration) {
		super(source, clock);
		this.provider = Objects.requireNonNull(provider, "provider");
		this.found = found;
		this.reaped = reaped;
		this.failed = failed;
		this.tooYoung = tooYoung;
		this.listError = listError;
		this.duration = Objects.requireNonNull(duration, "duration");
	}

	/**
	 * The provider id.
	 * @return the provider
	 */
	public String provider() {
		return this.provider;
	}

	/**
	 * Untracked resources with the name prefix.
	 * @return the count
	 */
	public int found() {
		return this.found;
	}

	/**
	 * Resources terminated.
	 * @return the count
	 */
	public int reaped() {
		return this.reaped;
	}

	/**
	 * Terminations that failed.
	 * @return the count
	 */
	public int failed() {
		return this.failed;
	}

	/**
	 * Resources left alone because they are younger than the grace period.
	 * @return the count
	 */
	public int tooYoung() {
		return this.tooYoung;
	}

	/**
	 * Why the provider's resources could not be listed.
	 * @return the error kind, or {@code null} when listing worked
	 */
	public @Nullable ErrorKind listError() {
		return this.listError;
	}

	/**
	 * How long the run took.
	 * @return the duration
	 */
	public Duration duration() {
		return this.duration;
	}

	@Override
	public String toString() {
		return "ReaperRunEvent[provider=" + this.provider + ", found=" + this.found + ", reaped=" + this.reaped
				+ ", failed=" + this.failed + ", tooYoung=" + this.tooYoung + ", listError=" + this.listError + "]";
	}

}
