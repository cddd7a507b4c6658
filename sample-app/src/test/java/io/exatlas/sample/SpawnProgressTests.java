package io.exatlas.sample;

import java.time.Duration;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spawn progress turns the observations under a ticket's root into lines, ignores every other observation, replays
 * the lines to a late subscriber, and ends the stream of a ticket it forgets.
 */
class SpawnProgressTests {

	private final SpawnProgress progress = new SpawnProgress();

	private final ObservationRegistry registry = ObservationRegistry.create();

	SpawnProgressTests() {
		this.registry.observationConfig().observationHandler(this.progress);
	}

	@Test
	void observationsUnderATicketBecomeLinesAndOthersDoNot() {
		this.progress.open("t-1");
		Observation root = Observation.createNotStarted(SpawnProgress.ROOT, this.registry)
			.highCardinalityKeyValue(SpawnProgress.TICKET, "t-1")
			.start();
		Observation child = Observation.createNotStarted("exatlas.compute.placement", this.registry)
			.lowCardinalityKeyValue("gpu", "h100")
			.parentObservation(root)
			.start();
		Observation grandchild = Observation.createNotStarted("exatlas.compute.operation", this.registry)
			.parentObservation(child)
			.start();
		grandchild.stop();
		child.lowCardinalityKeyValue("outcome", "placed").stop();
		Observation.createNotStarted("unrelated", this.registry).start().stop();
		root.stop();
		this.progress.finish("t-1", "ready", "mock-1");
		assertThat(this.progress.lines("t-1")
			.map((line) -> line.name() + " " + line.phase() + " " + line.keys())
			.collectList()
			.block(Duration.ofSeconds(5))).containsExactly("exatlas.compute.placement started {gpu=h100}",
					"exatlas.compute.operation started {}", "exatlas.compute.operation ended {}",
					"exatlas.compute.placement ended {gpu=h100, outcome=placed}", "session ready {detail=mock-1}");
	}

	@Test
	void aForgottenTicketsStreamEnds() {
		this.progress.open("first");
		reactor.core.publisher.Flux<SpawnProgress.Line> first = this.progress.lines("first");
		for (int i = 0; i < SpawnProgress.TICKETS; i++) {
			this.progress.open("later-" + i);
		}
		assertThat(first.collectList().block(Duration.ofSeconds(5))).as("completed, not hanging").isEmpty();
		assertThat(this.progress.lines("first")).isNull();
		assertThat(this.progress.lines("later-0")).isNotNull();
	}

}
