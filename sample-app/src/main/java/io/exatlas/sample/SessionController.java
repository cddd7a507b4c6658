package io.exatlas.sample;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import io.exatlas.compute.ComputeRequest;
import io.exatlas.compute.PortBinding;
import io.exatlas.orchestrator.ComputeOrchestrator;
import io.exatlas.orchestrator.ComputeSessionEvent;
import io.exatlas.orchestrator.SessionOptions;
import io.exatlas.orchestrator.TrackedSession;
import io.exatlas.spend.SessionSpend;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The orchestrator behind the dashboard page: spawn a session for a user, list, touch, stop, terminate, and a
 * server-sent stream of session events.
 */
@RestController
@RequestMapping("/api/sessions")
class SessionController {

	private final ComputeOrchestrator orchestrator;

	private final RecentSessionEvents recent;

	SessionController(ComputeOrchestrator orchestrator, RecentSessionEvents recent) {
		this.orchestrator = orchestrator;
		this.recent = recent;
	}

	@GetMapping
	List<SessionView> sessions() {
		return this.orchestrator.list().stream().map(SessionView::of).toList();
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	SessionView spawn(@RequestBody SpawnSession form) {
		SessionOptions options = SessionOptions.forUser(form.userId());
		if (form.idleTtlSeconds() != null) {
			options = options.withIdleTtl(Duration.ofSeconds(form.idleTtlSeconds()));
		}
		return SessionView.of(this.orchestrator.spawn(ComputeRequest.builder()
			.gpu(form.gpu())
			.image(form.image())
			.httpPort(8000)
			.build(), options));
	}

	@PostMapping("/{id}/touch")
	ResponseEntity<Void> touch(@PathVariable String id) {
		return this.orchestrator.touch(id) ? ResponseEntity.noContent().build() : ResponseEntity.notFound().build();
	}

	@PostMapping("/{id}/stop")
	ResponseEntity<Void> stop(@PathVariable String id) {
		TrackedSession session = this.orchestrator.get(id).orElse(null);
		if (session == null) {
			return ResponseEntity.notFound().build();
		}
		this.orchestrator.pause(id);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/{id}/start")
	ResponseEntity<Void> start(@PathVariable String id) {
		if (this.orchestrator.get(id).isEmpty()) {
			return ResponseEntity.notFound().build();
		}
		this.orchestrator.resume(id);
		return ResponseEntity.noContent().build();
	}

	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void terminate(@PathVariable String id) {
		this.orchestrator.stopTracked(id);
	}

	@GetMapping(path = "/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	Flux<SessionEventView> events() {
		return this.recent.events();
	}

	record SpawnSession(String userId, @Nullable String gpu, @Nullable String image, @Nullable Long idleTtlSeconds) {
	}

	record SessionView(String id, String provider, @Nullable String userId, String status, @Nullable String gpuType,
			@Nullable BigDecimal costPerHour, @Nullable BigDecimal accrued, long idleSeconds, long ttlSeconds,
			List<String> ports) {

		static SessionView of(TrackedSession session) {
			SessionSpend spend = session.spend();
			return new SessionView(session.id(), session.provider(), session.userId(), session.compute().status().name(),
					session.compute().gpuType(),
					(spend != null) ? spend.pricePerHour() : session.compute().costPerHour(),
					(spend != null) ? spend.accruedAt(Instant.now()) : null, session.idleFor().toSeconds(),
					session.idleTtl().toSeconds(),
					session.compute().ports().stream().map(PortBinding::url).filter(Objects::nonNull).toList());
		}

	}

	record SessionEventView(String computeId, String type, @Nullable String status, @Nullable String reason,
			@Nullable String errorKind, Instant at) {

		static SessionEventView of(ComputeSessionEvent event) {
			return new SessionEventView(event.computeId(), event.type().name(),
					(event.status() != null) ? event.status().name() : null,
					(event.reason() != null) ? event.reason().name() : null,
					(event.errorKind() != null) ? event.errorKind().name() : null, event.instant());
		}

	}

}
