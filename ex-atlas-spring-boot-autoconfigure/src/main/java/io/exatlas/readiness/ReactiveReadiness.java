package io.exatlas.readiness;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.exatlas.ErrorKind;
import io.exatlas.ExAtlasException;
import io.exatlas.compute.CallOptions;
import io.exatlas.compute.Compute;
import io.exatlas.compute.ComputeStatus;
import io.exatlas.compute.PortBinding;
import io.exatlas.compute.ReactiveExAtlas;
import io.exatlas.internal.EndsOnce;
import io.exatlas.readiness.ReadinessObservationDocumentation.Keys;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Awaits a {@link Readiness} probe: each step is checked, then checked again after a back-off, until it passes;
 * the running and port steps read the resource from its provider again, the TCP and HTTP steps reach the resource
 * at the address its provider reported. A step that does not pass within its timeout, or a probe that does not
 * within the overall one, fails with {@code TIMEOUT} (code {@code not_ready}) naming the step and what it saw last;
 * a resource that the provider reports {@code FAILED} or {@code TERMINATED} fails at once. Nothing is terminated
 * here: what to do with a resource that never came up is the caller's choice.
 */
public final class ReactiveReadiness {

	private final ReactiveExAtlas exatlas;

	private final WebClient http;

	private final Scheduler timer;

	private final ObservationRegistry observations;

	/**
	 * Create the service, unobserved.
	 * @param exatlas reads the resource again from its provider
	 * @param http the client for HTTP checks (never a provider's client: no credential of the cloud goes to a pod)
	 * @param timer runs the back-off and measures the timeouts
	 */
	public ReactiveReadiness(ReactiveExAtlas exatlas, WebClient http, Scheduler timer) {
		this(exatlas, http, timer, ObservationRegistry.NOOP);
	}

	/**
	 * Create the service.
	 * @param exatlas reads the resource again from its provider
	 * @param http the client for HTTP checks (never a provider's client: no credential of the cloud goes to a pod)
	 * @param timer runs the back-off and measures the timeouts
	 * @param observations observes probes and their steps ({@link ReadinessObservationDocumentation})
	 */
	public ReactiveReadiness(ReactiveExAtlas exatlas, WebClient http, Scheduler timer,
			ObservationRegistry observations) {
		this.observations = Objects.requireNonNull(observations, "observations");
		this.exatlas = Objects.requireNonNull(exatlas, "exatlas");
		this.http = Objects.requireNonNull(http, "http");
		this.timer = Objects.requireNonNull(timer, "timer");
	}

	/**
	 * Wait until every step of the probe passes.
	 * @param compute the resource
	 * @param readiness the probe
	 * @return the resource as last read, once ready
	 */
	public Mono<Compute> await(Compute compute, Readiness readiness) {
		Objects.requireNonNull(compute, "compute");
		Objects.requireNonNull(readiness, "readiness");
		return Mono.deferContextual((view) -> {
			long deadline = now() + readiness.timeout().toMillis();
			Observation probe = ReadinessObservationDocumentation.READINESS.observation(this.observations)
				.lowCardinalityKeyValue(Keys.PROVIDER.withValue(compute.provider()))
				.lowCardinalityKeyValue(Keys.GPU.withValue((compute.gpuType() != null) ? compute.gpuType() : "none"))
				.highCardinalityKeyValue(Keys.RESOURCE.withValue(compute.id()))
				.parentObservation(view.getOrDefault(ObservationThreadLocalAccessor.KEY, null))
				.start();
			AtomicReference<ReadinessStep> current = new AtomicReference<>();
			Mono<Compute> chain = Mono.just(compute);
			for (ReadinessStep step : readiness.steps()) {
				chain = chain.flatMap((resource) -> {
					current.set(step);
					return observedStep(step, resource, readiness,
							Math.min(deadline, now() + readiness.stepTimeout().toMillis()), probe);
				});
			}
			return EndsOnce
				.mono(chain, (ready) -> stop(probe, "ready", "none", null),
						(ex) -> stop(probe, "not_ready", stepKey(current.get()), ex),
						() -> stop(probe, "cancelled", stepKey(current.get()), null))
				.contextWrite((context) -> context.put(ObservationThreadLocalAccessor.KEY, probe));
		});
	}

	private Mono<Compute> observedStep(ReadinessStep step, Compute compute, Readiness readiness, long deadline,
			Observation probe) {
		return Mono.defer(() -> {
			Observation observation = ReadinessObservationDocumentation.READINESS_STEP.observation(this.observations)
				.lowCardinalityKeyValue(Keys.PROVIDER.withValue(compute.provider()))
				.lowCardinalityKeyValue(Keys.STEP.withValue(stepKey(step)))
				.parentObservation(probe)
				.start();
			AtomicInteger checks = new AtomicInteger();
			return EndsOnce
				.mono(pass(step, compute, readiness, deadline, 0, checks),
						(ready) -> stopStep(observation, "passed", checks, null),
						(ex) -> stopStep(observation, "failed", checks, ex),
						() -> stopStep(observation, "cancelled", checks, null))
				// The step parents the provider reads it makes (and their HTTP requests).
				.contextWrite((context) -> context.put(ObservationThreadLocalAccessor.KEY, observation));
		});
	}

	private static void stop(Observation observation, String outcome, String step, @Nullable Throwable failure) {
		observation.lowCardinalityKeyValue(Keys.OUTCOME.withValue(outcome))
			.lowCardinalityKeyValue(Keys.STEP.withValue(step));
		if (failure != null) {
			observation.error(failure);
		}
		observation.stop();
	}

	private static void stopStep(Observation observation, String outcome, AtomicInteger checks,
			@Nullable Throwable failure) {
		observation.lowCardinalityKeyValue(Keys.OUTCOME.withValue(outcome))
			.highCardinalityKeyValue(Keys.CHECKS.withValue(Integer.toString(checks.get())));
		if (failure != null) {
			observation.error(failure);
		}
		observation.stop();
	}

	private static String stepKey(@Nullable ReadinessStep step) {
		if (step instanceof ReadinessStep.PortPublished) {
			return "port";
		}
		if (step instanceof ReadinessStep.TcpOpen) {
			return "tcp";
		}
		if (step instanceof ReadinessStep.HttpHealthy) {
			return "http";
		}
		return (step != null) ? "running" : "none";
	}

	private long now() {
		return this.timer.now(TimeUnit.MILLISECONDS);
	}

	private Mono<Compute> pass(ReadinessStep step, Compute compute, Readiness readiness, long deadline, int attempt,
			AtomicInteger checks) {
		return check(step, compute).doOnNext((seen) -> checks.incrementAndGet()).flatMap((seen) -> {
			if (seen.passed()) {
				return Mono.just(seen.compute());
			}
			if (seen.compute().status() == ComputeStatus.FAILED || seen.compute().status() == ComputeStatus.TERMINATED) {
				return Mono.error(notReady(compute, step, seen.detail(), "the provider reports it "
						+ seen.compute().status()));
			}
			Duration pause = pause(readiness, attempt);
			if (now() + pause.toMillis() > deadline) {
				return Mono.error(notReady(compute, step, seen.detail(), "it did not pass in time"));
			}
			return Mono.delay(pause, this.timer)
				.then(Mono.defer(() -> pass(step, seen.compute(), readiness, deadline, attempt + 1, checks)));
		});
	}

	private static Duration pause(Readiness readiness, int attempt) {
		long millis = readiness.initialInterval().toMillis() << Math.min(attempt, 20);
		return Duration.ofMillis(Math.min(millis, readiness.maxInterval().toMillis()));
	}

	private Mono<Seen> check(ReadinessStep step, Compute compute) {
		if (step instanceof ReadinessStep.PortPublished published) {
			return refresh(compute).map((current) -> {
				Address address = address(current, published.port());
				return new Seen(address != null, current, (address != null)
						? "published at " + address.host() + ":" + address.port()
						: "port " + published.port() + " not published");
			});
		}
		if (step instanceof ReadinessStep.TcpOpen tcp) {
			return connect(compute, tcp.port());
		}
		if (step instanceof ReadinessStep.HttpHealthy healthy) {
			return get(compute, healthy);
		}
		return refresh(compute).map((current) -> new Seen(current.status() == ComputeStatus.RUNNING, current,
				"status " + current.status()));
	}

	private Mono<Compute> refresh(Compute compute) {
		return this.exatlas.using(CallOptions.provider(compute.provider()))
			.get(compute.id())
			.map((current) -> (compute.auth() != null && current.auth() == null) ? current.withAuth(compute.auth())
					: current);
	}

	private Mono<Seen> connect(Compute compute, int port) {
		Address address = address(compute, port);
		if (address == null) {
			return Mono.just(new Seen(false, compute, "port " + port + " not published"));
		}
		return Mono.fromCallable(() -> {
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress(address.host(), address.port()), 5_000);
				return new Seen(true, compute, "connected to " + address.host() + ":" + address.port());
			}
			catch (IOException ex) {
				return new Seen(false, compute, "tcp " + address.host() + ":" + address.port() + ": "
						+ ex.getClass().getSimpleName());
			}
		}).subscribeOn(Schedulers.boundedElastic());
	}

	private Mono<Seen> get(Compute compute, ReadinessStep.HttpHealthy healthy) {
		String base = baseUrl(compute, healthy.port());
		if (base == null) {
			return Mono.just(new Seen(false, compute, "port " + healthy.port() + " not published"));
		}
		return this.http.get()
			.uri(URI.create(stripSlash(base) + healthy.path()))
			.headers((headers) -> bearer(compute, headers))
			.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value()))
			.timeout(Duration.ofSeconds(10), this.timer)
			.map((status) -> new Seen(status == healthy.expectedStatus(), compute, "HTTP " + status))
			.onErrorResume((ex) -> Mono.just(new Seen(false, compute, "http: " + ex.getClass().getSimpleName())));
	}

	private static void bearer(Compute compute, HttpHeaders headers) {
		if (compute.auth() != null && compute.auth().token() != null
				&& compute.auth().mode() == io.exatlas.compute.AuthMode.BEARER) {
			headers.setBearerAuth(compute.auth().token().reveal());
		}
	}

	private static String stripSlash(String url) {
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

	private static @Nullable String baseUrl(Compute compute, int port) {
		for (PortBinding binding : compute.ports()) {
			if (binding.internalPort() == port && binding.url() != null) {
				return binding.url();
			}
		}
		Address address = address(compute, port);
		return (address != null) ? "http://" + address.host() + ":" + address.port() : null;
	}

	private static @Nullable Address address(Compute compute, int port) {
		for (PortBinding binding : compute.ports()) {
			if (binding.internalPort() != port) {
				continue;
			}
			if (binding.externalPort() != null && compute.publicIp() != null) {
				return new Address(compute.publicIp(), binding.externalPort());
			}
			if (binding.url() != null) {
				URI uri = URI.create(binding.url());
				if (uri.getHost() != null) {
					int urlPort = (uri.getPort() > 0) ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
					return new Address(uri.getHost(), urlPort);
				}
			}
		}
		return null;
	}

	private static ExAtlasException notReady(Compute compute, ReadinessStep step, String lastSeen, String why) {
		return ExAtlasException.builder(ErrorKind.TIMEOUT)
			.provider(compute.provider())
			.code("not_ready")
			.message("resource " + compute.id() + " is not ready: step '" + step.describe() + "' failed, " + why
					+ " (last seen: " + lastSeen + ")")
			.build();
	}

	private record Seen(boolean passed, Compute compute, String detail) {
	}

	private record Address(String host, int port) {
	}

}
