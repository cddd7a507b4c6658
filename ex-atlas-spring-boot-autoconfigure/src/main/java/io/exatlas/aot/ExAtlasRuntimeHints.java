package io.exatlas.aot;

import java.util.List;

import io.exatlas.admission.AdmissionRejectedEvent;
import io.exatlas.compute.Compute;
import io.exatlas.compute.ComputeOperationEvent;
import io.exatlas.fly.deploy.FlyDeployExitEvent;
import io.exatlas.fly.deploy.FlyDeployLineEvent;
import io.exatlas.fly.logs.FlyLogsFetchEvent;
import io.exatlas.fly.tokens.FlyTokenAcquireExceptionEvent;
import io.exatlas.fly.tokens.FlyTokenAcquireStartEvent;
import io.exatlas.fly.tokens.FlyTokenAcquireStopEvent;
import io.exatlas.orchestrator.ComputeSessionEvent;
import io.exatlas.orchestrator.ReaperRunEvent;
import io.exatlas.orchestrator.RemoteComputeSessionEvent;
import io.exatlas.orchestrator.SessionRecord;
import io.exatlas.placement.PlacementAttemptEvent;
import io.exatlas.placement.PlacementPlanEvent;
import io.exatlas.providers.http.ProviderRequestEvent;
import io.exatlas.spend.SessionSpend;
import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.util.ClassUtils;

/**
 * What the starter needs at run time in a native image beyond what Spring's AOT engine finds by itself (auto-
 * configurations, {@code @ConfigurationProperties} and actuator operations are processed by Spring Boot):
 * <ul>
 * <li>Jackson binding of the records kept in Redis as JSON: the session registry's {@link SessionRecord} with its
 * {@link Compute} and {@link SessionSpend}, and the idempotency record of a spawn.</li>
 * <li>The public methods of every library event, so that {@code @EventListener(condition = "#event.provider() ==
 * 'runpod'")} (SpEL, reflective) and applications that serialize events keep working.</li>
 * </ul>
 * Registered through {@code META-INF/spring/aot.factories}.
 */
public class ExAtlasRuntimeHints implements RuntimeHintsRegistrar {

	/** The package-private record of a spawn's idempotency key in Redis. */
	static final String IDEMPOTENCY_RECORD = "io.exatlas.cluster.IdempotencyRecord";

	/** The library's events. */
	static final List<Class<?>> EVENTS = List.of(AdmissionRejectedEvent.class, ComputeOperationEvent.class,
			ComputeSessionEvent.class, RemoteComputeSessionEvent.class, ReaperRunEvent.class,
			ProviderRequestEvent.class, FlyDeployExitEvent.class, FlyDeployLineEvent.class, FlyLogsFetchEvent.class,
			FlyTokenAcquireExceptionEvent.class, FlyTokenAcquireStartEvent.class, FlyTokenAcquireStopEvent.class,
			PlacementAttemptEvent.class, PlacementPlanEvent.class);

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		BindingReflectionHintsRegistrar binding = new BindingReflectionHintsRegistrar();
		binding.registerReflectionHints(hints.reflection(), SessionRecord.class, SessionSpend.class, Compute.class);
		if (ClassUtils.isPresent(IDEMPOTENCY_RECORD, classLoader)) {
			binding.registerReflectionHints(hints.reflection(),
					ClassUtils.resolveClassName(IDEMPOTENCY_RECORD, classLoader));
		}
		for (Class<?> event : EVENTS) {
			hints.reflection().registerType(event, MemberCategory.INVOKE_PUBLIC_METHODS);
		}
	}

}
