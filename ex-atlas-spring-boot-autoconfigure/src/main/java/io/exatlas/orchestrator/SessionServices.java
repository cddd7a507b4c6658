package io.exatlas.orchestrator;

import java.util.Objects;

import io.exatlas.admission.AdmissionControl;
import io.exatlas.placement.ReactiveComputePlacement;
import io.exatlas.readiness.ReactiveReadiness;
import org.jspecify.annotations.Nullable;

/**
 * What the orchestrator uses beyond the facade when it spawns a session: placement (sessions placed on the best
 * offer), readiness probes (sessions spawned ready) and admission control (spawn policies asked first).
 *
 * @param placement places sessions, or {@code null} for none
 * @param readiness awaits the probes of sessions spawned ready, or {@code null} for none
 * @param admission the spawn policies asked before every spawn
 */
public record SessionServices(@Nullable ReactiveComputePlacement placement, @Nullable ReactiveReadiness readiness,
		AdmissionControl admission) {

	/** No placement, no readiness, every spawn admitted. */
	public static final SessionServices NONE = new SessionServices(null, null, AdmissionControl.NONE);

	/**
	 * Validates the services.
	 * @param placement the placement
	 * @param readiness the readiness
	 * @param admission the admission control
	 */
	public SessionServices {
		Objects.requireNonNull(admission, "admission");
	}

}
