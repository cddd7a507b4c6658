package io.exatlas.sample;

import java.util.List;
import java.util.Map;

import io.exatlas.compute.AuthMode;
import io.exatlas.compute.Compute;
import io.exatlas.compute.ComputeFilter;
import io.exatlas.compute.ComputeRequest;
import io.exatlas.compute.ExAtlas;
import io.exatlas.compute.Job;
import io.exatlas.compute.JobOutput;
import io.exatlas.compute.JobRef;
import io.exatlas.compute.JobRequest;
import io.exatlas.compute.ProviderDescriptor;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * A REST API over the compute facade: the blocking {@link ExAtlas} for ordinary calls and the reactive one for the
 * server-sent job stream.
 */
@RestController
@RequestMapping("/api")
class ComputeController {

	private final ExAtlas exatlas;

	ComputeController(ExAtlas exatlas) {
		this.exatlas = exatlas;
	}

	@GetMapping("/providers")
	List<ProviderDescriptor> providers() {
		return this.exatlas.providers();
	}

	@PostMapping("/computes")
	@ResponseStatus(HttpStatus.CREATED)
	ComputeView spawn(@RequestBody SpawnForm form) {
		ComputeRequest.Builder request = ComputeRequest.builder()
			.gpu(form.gpu())
			.image(form.image())
			.name(form.name())
			.auth(Boolean.TRUE.equals(form.bearer()) ? AuthMode.BEARER : AuthMode.NONE);
		if (form.httpPort() != null) {
			request.httpPort(form.httpPort());
		}
		return ComputeView.of(on(form.provider()).spawn(request.build()));
	}

	@GetMapping("/computes")
	List<ComputeView> list(@RequestParam(required = false) String provider) {
		return on(provider).list(ComputeFilter.all()).stream().map(ComputeView::of).toList();
	}

	@GetMapping("/computes/{id}")
	ComputeView get(@PathVariable String id, @RequestParam(required = false) String provider) {
		return ComputeView.of(on(provider).get(id));
	}

	@DeleteMapping("/computes/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void terminate(@PathVariable String id, @RequestParam(required = false) String provider) {
		on(provider).terminate(id);
	}

	@PostMapping("/jobs")
	@ResponseStatus(HttpStatus.CREATED)
	Job runJob(@RequestBody Map<String, Object> input, @RequestParam(required = false) String endpoint) {
		return this.exatlas.runJob(JobRequest.builder(input).endpoint(endpoint).build());
	}

	@GetMapping("/jobs/{id}")
	Job getJob(@PathVariable String id, @RequestParam(required = false) String endpoint) {
		return this.exatlas.getJob(JobRef.of(endpoint, id));
	}

	@GetMapping(path = "/jobs/{id}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	Flux<JobOutput> streamJob(@PathVariable String id, @RequestParam(required = false) String endpoint) {
		return this.exatlas.reactive().streamJob(JobRef.of(endpoint, id));
	}

	private ExAtlas on(@Nullable String provider) {
		return (provider != null && !provider.isBlank()) ? this.exatlas.using(provider) : this.exatlas;
	}

	/** What the page sends to spawn a resource. */
	record SpawnForm(@Nullable String provider, @Nullable String gpu, @Nullable String image, @Nullable String name,
			@Nullable Integer httpPort, @Nullable Boolean bearer) {
	}

	/**
	 * What the API shows of a resource: never the raw payload (it may carry environment values) and the generated
	 * credential only on the spawn response.
	 */
	record ComputeView(String id, String provider, String status, @Nullable String name, @Nullable String gpuType,
			int gpuCount, @Nullable String region, List<String> urls, @Nullable String bearerToken) {

		static ComputeView of(Compute compute) {
			String token = (compute.auth() != null && compute.auth().token() != null)
					? compute.auth().token().reveal() : null;
			List<String> urls = compute.ports().stream().map((port) -> port.url()).filter((url) -> url != null).toList();
			return new ComputeView(compute.id(), compute.provider(), compute.status().name(), compute.name(),
					compute.gpuType(), compute.gpuCount(), compute.region(), urls, token);
		}

	}

}
