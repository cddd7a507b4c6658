package io.exatlas.orchestrator;

import java.util.Objects;

import io.exatlas.admission.AdmissionControl;
import io.exatlas.placement.ReactiveComputePlacement;
import io.exatlas.readiness.ReactiveReadiness;
import io.exatlas.spend.SpendAccounting;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * What the orchestrator uses beyond the facade when it spawns a session: placement (sessions placed on the best
 * offer), readiness probes (sessions spawned ready), admission control (spawn policies asked first) and spend
 * accounting (what sessions cost).
 *
 * @param placement places sessions, or {@code null} for none
 * @param readiness awaits the probes of sessions spawned ready, or {@code null} for none
 * @param admission the spawn policies asked before every spawn
 * @param observations observes session spawns ({@link SessionObservationDocumentation})
 * @param spend accounts what sessions cost, or {@code null} for no spend accounting
 */
public record SessionServices(@Nullable ReactiveComputePlacement placement, @Nullable ReactiveReadiness readiness,
		AdmissionControl admission, ObservationRegistry observations, @Nullable SpendAccounting spend) {

	/** No placement, no readiness, every spawn admitted, nothing observed. */
	public static final SessionServices NONE = new SessionServices(null, null, AdmissionControl.NONE);

	/**
	 * Validates the services.
	 * @param placement the placement
	 * @param readiness the readiness
	 * @param admission the admission control
	 * @param observations the observation registry
	 * @param spend the spend accounting
	 */
	public SessionServices {
		Objects.requireNonNull(admission, "admission");
		Objects.requireNonNull(observations, "observations");
	}

	/**
	 * Services without observations.
	 * @param placement the placement
	 * @param readiness the readiness
	 * @param admission the admission control
	 */
	public SessionServices(@Nullable ReactiveComputePlacement placement, @Nullable ReactiveReadiness readiness,
			AdmissionControl admission) {
		this(placement, readiness, admission, ObservationRegistry.NOOP, null);
	}

	/**
	 * Services without spend accounting.
	 * @param placement the placement
	 * @param readiness the readiness
	 * @param admission the admission control
	 * @param observations the observation registry
	 */
	public SessionServices(@Nullable ReactiveComputePlacement placement, @Nullable ReactiveReadiness readiness,
			AdmissionControl admission, ObservationRegistry observations) {
		this(placement, readiness, admission, observations, null);
	}

	/**
	 * These services with spend accounting.
	 * @param spend the spend accounting
	 * @return the services
	 */
	public SessionServices withSpend(@Nullable SpendAccounting spend) {
		return new SessionServices(this.placement, this.readiness, this.admission, this.observations, spend);
	}

}
