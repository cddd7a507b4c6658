package io.exatlas.sample;

import java.util.UUID;

import io.exatlas.ExAtlasException;
import io.exatlas.compute.ComputeRequest;
import io.exatlas.orchestrator.ComputeOrchestrator;
import io.exatlas.orchestrator.SessionOptions;
import io.exatlas.placement.PlacementPolicy;
import io.exatlas.readiness.Readiness;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Spawns with live progress: {@code POST} starts a session spawn — placed on the best offer when asked, and spawned
 * ready (running, then port 8000 published) — and answers a ticket at once; {@code GET …/events} follows its phases
 * as they happen over server-sent events ({@link SpawnProgress}).
 */
@RestController
@RequestMapping("/api/spawns")
class SpawnController {

	private final ComputeOrchestrator orchestrator;

	private final ObservationRegistry observations;

	private final SpawnProgress progress;

	SpawnController(ComputeOrchestrator orchestrator, ObservationRegistry observations, SpawnProgress progress) {
		this.orchestrator = orchestrator;
		this.observations = observations;
		this.progress = progress;
	}

	@PostMapping
	@ResponseStatus(HttpStatus.ACCEPTED)
	Ticket spawn(@RequestBody SpawnForm form) {
		String ticket = "spawn-" + UUID.randomUUID().toString().substring(0, 8);
		SessionOptions options = SessionOptions.forUser(form.userId())
			.withReadiness(Readiness.running().then(Readiness.port(8000)));
		if (Boolean.TRUE.equals(form.placed())) {
			options = options.withPlacement(PlacementPolicy.defaults());
		}
		ComputeRequest request = ComputeRequest.builder().gpu(form.gpu()).image(form.image()).httpPort(8000).build();
		this.progress.open(ticket);
		Observation root = Observation.createNotStarted(SpawnProgress.ROOT, this.observations)
			.highCardinalityKeyValue(SpawnProgress.TICKET, ticket)
			.start();
		this.orchestrator.reactive()
			.spawn(request, options)
			.contextWrite((context) -> context.put(ObservationThreadLocalAccessor.KEY, root))
			.doFinally((signal) -> root.stop())
			.subscribe((session) -> this.progress.finish(ticket, "ready", session.id()),
					(ex) -> this.progress.finish(ticket, "failed", (ex instanceof ExAtlasException atlas)
							? atlas.kind() + ": " + Printable.of(atlas.getMessage()) : ex.getClass().getSimpleName()));
		return new Ticket(ticket);
	}

	@GetMapping(path = "/{ticket}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	ResponseEntity<Flux<SpawnProgress.Line>> events(@PathVariable String ticket) {
		Flux<SpawnProgress.Line> lines = this.progress.lines(ticket);
		return (lines != null) ? ResponseEntity.ok(lines) : ResponseEntity.notFound().build();
	}

	record SpawnForm(String userId, @Nullable String gpu, @Nullable String image, @Nullable Boolean placed) {
	}

	record Ticket(String ticket) {
	}

}
