package io.exatlas.providers.runpod;

import java.time.Duration;

import io.exatlas.compute.GpuCatalog;
import io.exatlas.providers.http.ProviderApi;
import io.exatlas.test.event.RecordingEventPublisher;
import io.exatlas.test.fake.DelayRecordingScheduler;
import io.exatlas.test.fake.TestProviderClients;
import reactor.core.scheduler.Schedulers;

/**
 * A RunPod provider wired to a {@link FakeRunPod}: retries wait no time (their delays are recorded), polls are
 * fast, events are recorded.
 */
final class RunPodFixture implements AutoCloseable {

	final FakeRunPod fake = new FakeRunPod();

	final TestProviderClients clients = new TestProviderClients();

	final RecordingEventPublisher events = this.clients.events;

	final DelayRecordingScheduler retryDelays = this.clients.retryDelays;

	final RunPodRestClient rest;

	final RunPodRuntimeClient runtime;

	final RunPodGraphQlClient graphql;

	final RunPodComputeProvider provider;

	RunPodFixture() {
		this(Duration.ofSeconds(5));
	}

	RunPodFixture(Duration readTimeout) {
		this.rest = new RunPodRestClient(this.clients
			.client("runpod", ProviderApi.MANAGEMENT, this.fake.managementUrl(), readTimeout, FakeRunPod.KEY)
			.errorDecoder(RunPodComputeProvider.ERROR_DECODER)
			.build());
		this.runtime = new RunPodRuntimeClient(this.clients
			.client("runpod", ProviderApi.RUNTIME, this.fake.runtimeUrl(), readTimeout, FakeRunPod.KEY)
			.build());
		this.graphql = new RunPodGraphQlClient(this.clients
			.client("runpod", ProviderApi.GRAPHQL, this.fake.graphqlUrl(), readTimeout, FakeRunPod.KEY)
			.build());
		this.provider = new RunPodComputeProvider(this.rest, this.runtime, this.graphql, GpuCatalog.builtIn(),
				new RunPodSettings("/workspace", "/runpod-volume", Duration.ofMillis(10), Duration.ofMillis(40)),
				Schedulers.parallel());
	}

	@Override
	public void close() {
		this.fake.close();
	}

}
