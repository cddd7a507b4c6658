package io.exatlas.sample;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.exatlas.ExAtlasException;
import io.exatlas.fly.deploy.FlyDeployer;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Streamed {@code fly deploy}s of one configured project ({@code sample.deploy.project-dir}, its {@code fly.toml} in
 * {@code sample.deploy.toml-dir}): start one, list the running and the recently ended ones, and follow any running one
 * by its ticket from any browser tab (its recent lines first). The deploy runs on the server whether or not a tab
 * follows it. The directories come from configuration, never from a request.
 */
@RestController
@RequestMapping("/api/deploys")
class DeployController {

	private static final int RECENT = 20;

	private final FlyDeployer deployer;

	private final Path projectDir;

	private final Path tomlDir;

	private final Map<String, DeployView> recent = new LinkedHashMap<>();

	DeployController(FlyDeployer deployer, @Value("${sample.deploy.project-dir:.}") String projectDir,
			@Value("${sample.deploy.toml-dir:.}") String tomlDir) {
		// Strings, not Paths: Spring would resolve a Path value as a resource of the servlet context.
		this.deployer = deployer;
		this.projectDir = Path.of(projectDir).toAbsolutePath();
		this.tomlDir = Path.of(tomlDir);
	}

	@PostMapping
	@ResponseStatus(HttpStatus.ACCEPTED)
	DeployView start() {
		String ticket = "deploy-" + UUID.randomUUID().toString().substring(0, 8);
		DeployView started = new DeployView(ticket, "RUNNING", null, Instant.now());
		remember(started);
		this.deployer.streamDeploy(this.projectDir, this.tomlDir, ticket)
			.subscribe((line) -> {
			}, (ex) -> remember(started.ended("FAILED", message(ex))), () -> remember(started.ended("SUCCEEDED", null)));
		return started;
	}

	@GetMapping
	synchronized List<DeployView> deploys() {
		List<DeployView> all = new ArrayList<>(this.recent.values());
		all.sort(Comparator.comparing(DeployView::startedAt).reversed());
		return all;
	}

	@GetMapping(path = "/{ticket}/lines", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	Flux<ServerSentEvent<String>> follow(@PathVariable String ticket) {
		Flux<ServerSentEvent<String>> lines = this.deployer.running()
			.join(ticket)
			.map((line) -> ServerSentEvent.builder(line).event("line").build())
			.concatWith(Flux.just(ServerSentEvent.<String>builder("").event("succeeded").build()))
			.onErrorResume((ex) -> Flux.just(ServerSentEvent.builder(message(ex)).event("failed").build()));
		Flux<ServerSentEvent<String>> heartbeats = Flux.interval(Duration.ofSeconds(15))
			.map((tick) -> ServerSentEvent.<String>builder().comment("keep-alive").build());
		return lines.publish((shared) -> shared.mergeWith(heartbeats.takeUntilOther(shared.ignoreElements())));
	}

	private synchronized void remember(DeployView deploy) {
		this.recent.put(deploy.ticket(), deploy);
		while (this.recent.size() > RECENT) {
			this.recent.remove(this.recent.keySet().iterator().next());
		}
	}

	private static String message(Throwable ex) {
		return (ex instanceof ExAtlasException) ? ex.getMessage() : ex.getClass().getSimpleName();
	}

	/**
	 * A deploy as the page shows it.
	 *
	 * @param ticket its ticket
	 * @param state RUNNING, SUCCEEDED or FAILED
	 * @param error why it failed
	 * @param startedAt when it started
	 */
	record DeployView(String ticket, String state, @Nullable String error, Instant startedAt) {

		DeployView ended(String state, @Nullable String error) {
			return new DeployView(this.ticket, state, error, this.startedAt);
		}

	}

}
