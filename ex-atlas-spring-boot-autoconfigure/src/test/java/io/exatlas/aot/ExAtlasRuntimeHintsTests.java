package io.exatlas.aot;

import io.exatlas.compute.Compute;
import io.exatlas.compute.PortBinding;
import io.exatlas.event.ExAtlasEvent;
import io.exatlas.orchestrator.ComputeSessionEvent;
import io.exatlas.orchestrator.SessionRecord;
import io.exatlas.placement.PlacementAttemptEvent;
import io.exatlas.spend.SessionSpend;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.ReflectionHintsPredicates;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.type.filter.AssignableTypeFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runtime hints cover what Jackson binds in Redis (the session record with its resource and spend, the
 * idempotency record) and the public methods of every event, and are registered in {@code aot.factories}.
 */
class ExAtlasRuntimeHintsTests {

	private final RuntimeHints hints = new RuntimeHints();

	private final ReflectionHintsPredicates reflection = RuntimeHintsPredicates.reflection();

	ExAtlasRuntimeHintsTests() {
		new ExAtlasRuntimeHints().registerHints(this.hints, getClass().getClassLoader());
	}

	@Test
	void theRecordsKeptInRedisCanBeBoundByJackson() {
		for (Class<?> type : new Class<?>[] { SessionRecord.class, SessionSpend.class, Compute.class,
				PortBinding.class }) {
			assertThat(this.reflection.onType(type)).as("%s", type).accepts(this.hints);
		}
		assertThat(this.reflection.onMethodInvocation(SessionRecord.class, "spend")).accepts(this.hints);
		assertThat(this.reflection.onMethodInvocation(SessionSpend.class, "pricePerHour")).accepts(this.hints);
		assertThat(this.reflection.onMethodInvocation(Compute.class, "costPerHour")).accepts(this.hints);
		assertThat(this.reflection.onType(TypeReference.of(ExAtlasRuntimeHints.IDEMPOTENCY_RECORD)))
			.accepts(this.hints);
	}

	@Test
	void everyEventsPublicMethodsCanBeCalledReflectively() {
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
		scanner.addIncludeFilter(new AssignableTypeFilter(ExAtlasEvent.class));
		assertThat(scanner.findCandidateComponents("io.exatlas"))
			.as("every concrete event of the library is listed, so none is forgotten")
			.extracting(BeanDefinition::getBeanClassName)
			.containsExactlyInAnyOrderElementsOf(ExAtlasRuntimeHints.EVENTS.stream().map(Class::getName).toList());
		for (Class<?> event : ExAtlasRuntimeHints.EVENTS) {
			assertThat(this.reflection.onType(event)).as("%s", event).accepts(this.hints);
		}
		assertThat(this.reflection.onMethodInvocation(ComputeSessionEvent.class, "provider")).accepts(this.hints);
		assertThat(this.reflection.onMethodInvocation(PlacementAttemptEvent.class, "attempt")).accepts(this.hints);
	}

	@Test
	void theRegistrarIsListedInAotFactories() {
		assertThat(SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
			.load(RuntimeHintsRegistrar.class)).hasAtLeastOneElementOfType(ExAtlasRuntimeHints.class);
	}

}
