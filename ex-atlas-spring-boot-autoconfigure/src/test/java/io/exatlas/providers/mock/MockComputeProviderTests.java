package io.exatlas.providers.mock;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.exatlas.ErrorKind;
import io.exatlas.ErrorReason;
import io.exatlas.ExAtlasException;
import io.exatlas.compute.Compute;
import io.exatlas.compute.ComputeFilter;
import io.exatlas.compute.ComputeOperation;
import io.exatlas.compute.ComputeRequest;
import io.exatlas.compute.ComputeStatus;
import io.exatlas.compute.GpuCatalog;
import io.exatlas.compute.GpuType;
import io.exatlas.compute.Job;
import io.exatlas.compute.JobOutput;
import io.exatlas.compute.JobRequest;
import io.exatlas.compute.JobStatus;
import io.exatlas.compute.PortBinding;
import io.exatlas.compute.PortProtocol;
import io.exatlas.compute.ProviderContext;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class MockComputeProviderTests {

	private static final ProviderContext CTX = ProviderContext.defaults();

	private final VirtualTimeScheduler time = VirtualTimeScheduler.create();

	private final MockComputeProvider mock = new MockComputeProvider(GpuCatalog.builtIn(), Clock.systemUTC(),
			this.time, Duration.ofSeconds(1), 3);

	@Test
	void spawnedResourcesRunWithPortUrls() {
		Compute compute = this.mock.spawn(ComputeRequest.builder()
			.gpu("h100")
			.gpuCount(2)
			.httpPort(8000)
			.tcpPort(22)
			.regionHints("EU-RO-1")
			.name("atlas-x")
			.build(), CTX).block();
		assertThat(compute.id()).startsWith("mock-");
		assertThat(compute.status()).isEqualTo(ComputeStatus.RUNNING);
		assertThat(compute.gpuCount()).isEqualTo(2);
		assertThat(compute.region()).isEqualTo("EU-RO-1");
		assertThat(compute.ports()).containsExactly(
				new PortBinding(8000, 8000, PortProtocol.HTTP, "https://" + compute.id() + "-8000.mock.local"),
				new PortBinding(22, 22, PortProtocol.TCP, "tcp://203.0.113.1:22"));
		assertThat(compute.url(8000)).contains("https://" + compute.id() + "-8000.mock.local");
	}

	@Test
	void anUncataloguedGpuIsRejected() {
		assertThatExceptionOfType(ExAtlasException.class)
			.isThrownBy(() -> this.mock.spawn(ComputeRequest.builder().gpu("h1000").build(), CTX).block())
			.satisfies((ex) -> {
				assertThat(ex.kind()).isEqualTo(ErrorKind.VALIDATION);
				assertThat(ex.getMessage()).contains("h1000");
			});
	}

	@Test
	void lifecycleAndFilters() {
		Compute a = this.mock.spawn(ComputeRequest.builder().gpu("h100").name("atlas-a").build(), CTX).block();
		Compute b = this.mock.spawn(ComputeRequest.builder().gpu("l4").name("other-b").build(), CTX).block();
		this.mock.stop(a.id(), CTX).block();
		assertThat(this.mock.list(ComputeFilter.status(ComputeStatus.RUNNING), CTX).collectList().block())
			.extracting(Compute::id)
			.containsExactly(b.id());
		assertThat(this.mock.list(ComputeFilter.namePrefix("atlas-"), CTX).collectList().block())
			.extracting(Compute::id)
			.containsExactly(a.id());
		this.mock.terminate(a.id(), CTX).block();
		this.mock.terminate(a.id(), CTX).block();
		assertThat(this.mock.get(a.id(), CTX).block().status()).isEqualTo(ComputeStatus.TERMINATED);
		assertThatExceptionOfType(ExAtlasException.class).isThrownBy(() -> this.mock.start(a.id(), CTX).block())
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.PROVIDER));
	}

	@Test
	void asyncJobsProgressStepByStepAndStreamTheirChunks() {
		Job job = this.mock.runJob(JobRequest.builder(Map.of("prompt", "hi")).endpoint("ep").build(), CTX).block();
		assertThat(job.status()).isEqualTo(JobStatus.IN_QUEUE);
		assertThat(job.endpoint()).isEqualTo("ep");
		StepVerifier.create(this.mock.streamJob(job.ref(), CTX))
			.expectSubscription()
			.then(() -> assertThat(status(job)).isEqualTo(JobStatus.IN_QUEUE))
			.then(() -> advance(1))
			.then(() -> assertThat(status(job)).isEqualTo(JobStatus.IN_PROGRESS))
			.then(() -> advance(1))
			.assertNext((chunk) -> assertThat(chunk.output()).isEqualTo(Map.of("step", 1, "of", 3)))
			.then(() -> advance(2))
			.expectNextCount(2)
			.then(() -> advance(1))
			.verifyComplete();
		Job done = this.mock.getJob(job.ref(), CTX).block();
		assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
		assertThat(done.output()).isEqualTo(Map.of("echo", Map.of("prompt", "hi")));
	}

	@Test
	void aLateSubscriberStillSeesEveryChunk() {
		Job job = this.mock.runJob(JobRequest.builder("x").build(), CTX).block();
		advance(10);
		List<JobOutput> chunks = this.mock.streamJob(job.ref(), CTX).collectList().block();
		assertThat(chunks).hasSize(3);
	}

	@Test
	void syncJobsWaitForTheResultOrTimeOut() {
		StepVerifier.create(this.mock.runJob(JobRequest.builder("x").sync(Duration.ofSeconds(10)).build(), CTX))
			.expectSubscription()
			.then(() -> advance(4))
			.expectNoEvent(Duration.ZERO)
			.then(() -> advance(1))
			.assertNext((job) -> assertThat(job.status()).isEqualTo(JobStatus.COMPLETED))
			.verifyComplete();
		StepVerifier.create(this.mock.runJob(JobRequest.builder("x").sync(Duration.ofSeconds(2)).build(), CTX))
			.expectSubscription()
			.then(() -> advance(2))
			.expectErrorSatisfies((ex) -> assertThat(((ExAtlasException) ex).kind()).isEqualTo(ErrorKind.TIMEOUT))
			.verify();
	}

	@Test
	void aFailingJobEndsFailedAndItsStreamErrors() {
		Job job = this.mock.runJob(JobRequest.builder(Map.of(MockComputeProvider.FAIL_INPUT_KEY, "out of memory")).build(),
				CTX).block();
		advance(10);
		StepVerifier.create(this.mock.streamJob(job.ref(), CTX))
			.expectNextCount(3)
			.expectErrorSatisfies((ex) -> assertThat(((ExAtlasException) ex).reason())
				.contains(ErrorReason.JOB_NOT_COMPLETED))
			.verify();
		Job failed = this.mock.getJob(job.ref(), CTX).block();
		assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
		assertThat(failed.error()).isEqualTo("out of memory");
	}

	@Test
	void cancellingStopsTheJob() {
		Job job = this.mock.runJob(JobRequest.builder("x").build(), CTX).block();
		advance(1);
		this.mock.cancelJob(job.ref(), CTX).block();
		advance(10);
		assertThat(status(job)).isEqualTo(JobStatus.CANCELLED);
		this.mock.cancelJob(job.ref(), CTX).block();
		assertThat(status(job)).isEqualTo(JobStatus.CANCELLED);
	}

	@Test
	void zeroStepDelayCompletesJobsAsTheyAreSubmitted() {
		MockComputeProvider instant = new MockComputeProvider(GpuCatalog.builtIn(), Clock.systemUTC(),
				Schedulers.immediate(), Duration.ZERO, 1);
		assertThat(instant.runJob(JobRequest.builder("x").build(), CTX).block().status()).isEqualTo(JobStatus.COMPLETED);
	}

	@Test
	void injectedFailuresHitTheNextCallOnly() {
		this.mock.failNext(ComputeOperation.TERMINATE,
				ExAtlasException.builder(ErrorKind.TRANSPORT).provider("mock").message("injected").build());
		Compute compute = this.mock.spawn(ComputeRequest.builder().gpu("h100").build(), CTX).block();
		assertThatExceptionOfType(ExAtlasException.class)
			.isThrownBy(() -> this.mock.terminate(compute.id(), CTX).block())
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.TRANSPORT));
		this.mock.terminate(compute.id(), CTX).block();
		assertThat(this.mock.get(compute.id(), CTX).block().status()).isEqualTo(ComputeStatus.TERMINATED);
	}

	@Test
	void resetForgetsEverything() {
		Compute compute = this.mock.spawn(ComputeRequest.builder().gpu("h100").build(), CTX).block();
		this.mock.failNext(ComputeOperation.LIST, ExAtlasException.validation("x"));
		this.mock.reset();
		assertThat(this.mock.list(ComputeFilter.all(), CTX).collectList().block()).isEmpty();
		assertThat(this.mock.spawnRequest(compute.id())).isEmpty();
	}

	@Test
	void gpuTypesCoverTheCatalog() {
		List<GpuType> types = this.mock.listGpuTypes(CTX).collectList().block();
		assertThat(types).extracting(GpuType::canonicalId).containsAll(GpuCatalog.builtIn().canonicalIds());
	}

	private void advance(int seconds) {
		this.time.advanceTimeBy(Duration.ofSeconds(seconds));
	}

	private JobStatus status(Job job) {
		return this.mock.getJob(job.ref(), CTX).block().status();
	}

}
