package io.exatlas.test.conformance;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.exatlas.ErrorKind;
import io.exatlas.ExAtlasException;
import io.exatlas.auth.PresharedTokens;
import io.exatlas.compute.AuthMode;
import io.exatlas.compute.Compute;
import io.exatlas.compute.ComputeFilter;
import io.exatlas.compute.ComputeOperation;
import io.exatlas.compute.ComputeProvider;
import io.exatlas.compute.ComputeProviders;
import io.exatlas.compute.ComputeRequest;
import io.exatlas.compute.ComputeStatus;
import io.exatlas.compute.GpuType;
import io.exatlas.compute.Job;
import io.exatlas.compute.JobRef;
import io.exatlas.compute.JobRequest;
import io.exatlas.compute.ProviderContext;
import io.exatlas.compute.ReactiveExAtlas;
import io.exatlas.compute.facade.DefaultReactiveExAtlas;
import io.exatlas.event.ExAtlasEventPublisher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The contract every {@link ComputeProvider} must meet. Extend it, return your provider from {@link #provider()}
 * (backed by a fake server, never a real cloud), and override {@link #spawnRequest()} or {@link #jobRequest()} when
 * your provider needs other input.
 * <pre>{@code
 * class MyProviderConformanceTests extends ComputeProviderConformance {
 *     protected ComputeProvider provider() { return myProvider; }
 * }
 * }</pre>
 */
public abstract class ComputeProviderConformance {

	/** How long any single call may take before the kit fails it. */
	protected static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

	/**
	 * The provider under test.
	 * @return the provider
	 */
	protected abstract ComputeProvider provider();

	/**
	 * Clear the provider's (or its fake server's) state; runs before each test.
	 */
	protected void reset() {
	}

	/**
	 * A request this provider can spawn: by default one H100 with image {@code test/image:latest} and HTTP port
	 * 8000. The kit adds a unique name.
	 * @return the request builder
	 */
	protected ComputeRequest.Builder spawnRequest() {
		return ComputeRequest.builder().gpu("h100").image("test/image:latest").httpPort(8000);
	}

	/**
	 * A job this provider can run, when it is serverless.
	 * @return the job request
	 */
	protected JobRequest jobRequest() {
		return JobRequest.builder(java.util.Map.of("prompt", "hello")).endpoint("conformance-endpoint").build();
	}

	/**
	 * The per-call context the kit passes (override to give a credential).
	 * @return the context
	 */
	protected ProviderContext context() {
		return ProviderContext.defaults();
	}

	@BeforeEach
	void resetProvider() {
		reset();
	}

	@Test
	void declaresIdCapabilitiesAndTheCoreOperations() {
		ComputeProvider provider = provider();
		assertThat(provider.id()).isNotBlank();
		assertThat(provider.capabilities()).isNotNull();
		assertThat(provider.supportedOperations()).contains(ComputeOperation.SPAWN, ComputeOperation.GET,
				ComputeOperation.LIST, ComputeOperation.TERMINATE);
	}

	@Test
	void spawnGetListTerminateRoundTrip() {
		String name = uniqueName();
		Compute spawned = provider().spawn(spawnRequest().name(name).build(), context()).block(CALL_TIMEOUT);
		assertThat(spawned.provider()).isEqualTo(provider().id());
		assertThat(spawned.id()).isNotBlank();
		assertThat(spawned.status()).isIn(ComputeStatus.PROVISIONING, ComputeStatus.RUNNING);
		Compute fetched = provider().get(spawned.id(), context()).block(CALL_TIMEOUT);
		assertThat(fetched.id()).isEqualTo(spawned.id());
		assertThat(fetched.provider()).isEqualTo(provider().id());
		List<Compute> listed = provider().list(ComputeFilter.namePrefix(name), context()).collectList().block(CALL_TIMEOUT);
		assertThat(listed).extracting(Compute::id).contains(spawned.id());
		provider().terminate(spawned.id(), context()).block(CALL_TIMEOUT);
		assertTerminated(spawned.id());
	}

	@Test
	void listHonoursTheNamePrefix() {
		String name = uniqueName();
		Compute spawned = provider().spawn(spawnRequest().name(name).build(), context()).block(CALL_TIMEOUT);
		List<Compute> others = provider().list(ComputeFilter.namePrefix(name + "-other"), context())
			.collectList()
			.block(CALL_TIMEOUT);
		assertThat(others).extracting(Compute::id).doesNotContain(spawned.id());
		provider().terminate(spawned.id(), context()).block(CALL_TIMEOUT);
	}

	@Test
	void bearerAuthThroughTheFacadeHandsTheTokenOutOnce() {
		ReactiveExAtlas facade = new DefaultReactiveExAtlas(new ComputeProviders(List.of(provider()), provider().id()),
				ExAtlasEventPublisher.noop(), Clock.systemUTC(), "atlas-conformance-");
		Compute spawned = facade.spawn(spawnRequest().auth(AuthMode.BEARER).build()).block(CALL_TIMEOUT);
		assertThat(spawned.auth()).isNotNull();
		assertThat(spawned.auth().mode()).isEqualTo(AuthMode.BEARER);
		assertThat(spawned.auth().token()).isNotNull();
		String token = spawned.auth().token().reveal();
		assertThat(token).hasSize(43).matches("[A-Za-z0-9_-]+");
		assertThat(spawned.auth().hash()).isEqualTo(PresharedTokens.hash(token));
		assertThat(spawned.name()).startsWith("atlas-conformance-");
		Compute fetched = provider().get(spawned.id(), context()).block(CALL_TIMEOUT);
		assertThat(fetched.auth()).isNull();
		provider().terminate(spawned.id(), context()).block(CALL_TIMEOUT);
	}

	@Test
	void unknownResourceIsNotFound() {
		assertThatExceptionOfType(ExAtlasException.class)
			.isThrownBy(() -> provider().get("does-not-exist-" + UUID.randomUUID(), context()).block(CALL_TIMEOUT))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.NOT_FOUND));
	}

	@Test
	void stopAndStartWhenSupported() {
		Set<ComputeOperation> operations = provider().supportedOperations();
		Compute spawned = provider().spawn(spawnRequest().name(uniqueName()).build(), context()).block(CALL_TIMEOUT);
		if (operations.contains(ComputeOperation.STOP)) {
			provider().stop(spawned.id(), context()).block(CALL_TIMEOUT);
			assertThat(provider().get(spawned.id(), context()).block(CALL_TIMEOUT).status())
				.isIn(ComputeStatus.STOPPED, ComputeStatus.PROVISIONING);
		}
		if (operations.contains(ComputeOperation.START)) {
			provider().start(spawned.id(), context()).block(CALL_TIMEOUT);
			assertThat(provider().get(spawned.id(), context()).block(CALL_TIMEOUT).status())
				.isIn(ComputeStatus.RUNNING, ComputeStatus.PROVISIONING);
		}
		provider().terminate(spawned.id(), context()).block(CALL_TIMEOUT);
	}

	@Test
	void operationsNotDeclaredAnswerUnsupported() {
		Set<ComputeOperation> missing = EnumSet.complementOf(EnumSet.copyOf(provider().supportedOperations()));
		JobRef ref = JobRef.of("conformance-endpoint", "conformance-job");
		for (ComputeOperation operation : missing) {
			Runnable call = switch (operation) {
				case STOP -> () -> provider().stop("conformance-id", context()).block(CALL_TIMEOUT);
				case START -> () -> provider().start("conformance-id", context()).block(CALL_TIMEOUT);
				case RUN_JOB -> () -> provider().runJob(jobRequest(), context()).block(CALL_TIMEOUT);
				case GET_JOB -> () -> provider().getJob(ref, context()).block(CALL_TIMEOUT);
				case CANCEL_JOB -> () -> provider().cancelJob(ref, context()).block(CALL_TIMEOUT);
				case STREAM_JOB -> () -> provider().streamJob(ref, context()).blockLast(CALL_TIMEOUT);
				case LIST_GPU_TYPES -> () -> provider().listGpuTypes(context()).blockLast(CALL_TIMEOUT);
				default -> throw new AssertionError(operation + " is a core operation and must be supported");
			};
			assertThatExceptionOfType(ExAtlasException.class).as(operation.name())
				.isThrownBy(call::run)
				.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.UNSUPPORTED));
		}
	}

	@Test
	void jobsRoundTripWhenSupported() {
		Set<ComputeOperation> operations = provider().supportedOperations();
		if (!operations.contains(ComputeOperation.RUN_JOB)) {
			return;
		}
		Job job = provider().runJob(jobRequest(), context()).block(CALL_TIMEOUT);
		assertThat(job.id()).isNotBlank();
		assertThat(job.provider()).isEqualTo(provider().id());
		if (operations.contains(ComputeOperation.GET_JOB)) {
			Job fetched = provider().getJob(job.ref(), context()).block(CALL_TIMEOUT);
			assertThat(fetched.id()).isEqualTo(job.id());
		}
	}

	@Test
	void gpuTypesWhenSupported() {
		if (!provider().supportedOperations().contains(ComputeOperation.LIST_GPU_TYPES)) {
			return;
		}
		List<GpuType> types = provider().listGpuTypes(context()).collectList().block(CALL_TIMEOUT);
		assertThat(types).isNotEmpty().allSatisfy((type) -> {
			assertThat(type.provider()).isEqualTo(provider().id());
			assertThat(type.nativeId()).isNotBlank();
		});
	}

	/**
	 * After a terminate, the resource reads as terminated or is gone.
	 * @param id the resource id
	 */
	protected void assertTerminated(String id) {
		try {
			Compute after = provider().get(id, context()).block(CALL_TIMEOUT);
			assertThat(after).isNotNull();
			assertThat(after.status()).isEqualTo(ComputeStatus.TERMINATED);
		}
		catch (ExAtlasException ex) {
			assertThat(ex.kind()).isEqualTo(ErrorKind.NOT_FOUND);
		}
	}

	/**
	 * A unique name with the library's default prefix.
	 * @return the name
	 */
	protected static String uniqueName() {
		return "atlas-conformance-" + UUID.randomUUID().toString().substring(0, 8);
	}

}
