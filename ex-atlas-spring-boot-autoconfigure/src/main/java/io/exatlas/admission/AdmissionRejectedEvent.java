package io.exatlas.admission;

import java.time.Clock;
import java.util.Objects;

import io.exatlas.event.ExAtlasEvent;
import org.jspecify.annotations.Nullable;

/**
 * A spawn policy refused a spawn or a placement attempt; nothing was sent to a cloud.
 */
public final class AdmissionRejectedEvent extends ExAtlasEvent {

	private static final long serialVersionUID = 1L;

	private final String policy;

	private final @Nullable String provider;

	private final @Nullable String userId;

	private final String reason;

	/**
	 * Create the event.
	 * @param source the publishing component
	 * @param clock the clock
	 * @param policy the policy's name
	 * @param provider the provider the spawn was going to, if known
	 * @param userId the user, for a session
	 * @param reason why
	 */
	public AdmissionRejectedEvent(Object source, Clock clock, String policy, @Nullable String provider,
			@Nullable String userId, String reason) {
		super(source, clock);
		this.policy = Objects.requireNonNull(policy, "policy");
		this.provider = provider;
		this.userId = userId;
		this.reason = Objects.requireNonNull(reason, "reason");
	}

	/**
	 * The policy that refused.
	 * @return its name
	 */
	public String policy() {
		return this.policy;
	}

	/**
	 * The provider the spawn was going to.
	 * @return the provider id, if known
	 */
	public @Nullable String provider() {
		return this.provider;
	}

	/**
	 * The user, for a session.
	 * @return the user id
	 */
	public @Nullable String userId() {
		return this.userId;
	}

	/**
	 * Why.
	 * @return the reason
	 */
	public String reason() {
		return this.reason;
	}

	@Override
	public String toString() {
		return "AdmissionRejectedEvent[policy=" + this.policy + ", provider=" + this.provider + ", reason="
				+ this.reason + "]";
	}

}
