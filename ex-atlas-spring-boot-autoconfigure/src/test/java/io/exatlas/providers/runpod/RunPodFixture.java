package io.exatlas.providers.runpod;

import java.time.Clock;
import java.time.Duration;

import io.exatlas.compute.GpuCatalog;
import io.exatlas.events.ProviderApi;
import io.exatlas.providers.http.CredentialSource;
import io.exatlas.providers.http.HttpProviderSettings;
import io.exatlas.providers.http.ProviderHttpClientFactory;
import io.exatlas.providers.http.RetryPolicy;
import io.exatlas.support.DelayRecordingScheduler;
import io.exatlas.support.RecordingEventPublisher;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * A RunPod provider wired to a {@link FakeRunPod}: retries wait no time (their delays are recorded), polls are
 * fast, events are recorded.
 */
final class RunPodFixture {

	final FakeRunPod fake = new FakeRunPod();

	final RecordingEventPublisher events = new RecordingEventPublisher();

	final DelayRecordingScheduler retryDelays = new DelayRecordingScheduler();

	final RunPodRestClient rest;

	final RunPodRuntimeClient runtime;

	final RunPodGraphQlClient graphql;

	final RunPodComputeProvider provider;

	RunPodFixture() {
		this(Duration.ofSeconds(5));
	}

	RunPodFixture(Duration readTimeout) {
		ProviderHttpClientFactory factory = new ProviderHttpClientFactory(WebClient.builder(),
				ClientHttpConnectorBuilder.reactor(), HttpClientSettings.defaults(), this.events, Clock.systemUTC(),
				this.retryDelays);
		RetryPolicy retry = new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(1), 0,
				Duration.ofSeconds(30), RetryPolicy.DEFAULT_RETRYABLE_STATUSES);
		CredentialSource key = CredentialSource.of(() -> FakeRunPod.KEY);
		this.rest = new RunPodRestClient(factory
			.client("runpod", ProviderApi.MANAGEMENT, settings(this.fake.managementUrl(), readTimeout, retry))
			.credentials(key, "set RUNPOD_API_KEY")
			.build());
		this.runtime = new RunPodRuntimeClient(factory
			.client("runpod", ProviderApi.RUNTIME, settings(this.fake.runtimeUrl(), readTimeout, retry))
			.credentials(key, "set RUNPOD_API_KEY")
			.build());
		this.graphql = new RunPodGraphQlClient(factory
			.client("runpod", ProviderApi.GRAPHQL, settings(this.fake.graphqlUrl(), readTimeout, retry))
			.credentials(key, "set RUNPOD_API_KEY")
			.build());
		this.provider = new RunPodComputeProvider(this.rest, this.runtime, this.graphql,
				new RunPodTranslator(GpuCatalog.builtIn(), "/workspace", "/runpod-volume"), Schedulers.parallel(),
				Duration.ofMillis(10), Duration.ofMillis(40));
	}

	private static HttpProviderSettings settings(String url, Duration readTimeout, RetryPolicy retry) {
		return new HttpProviderSettings(url, Duration.ofSeconds(2), readTimeout, DataSize.ofMegabytes(1), retry);
	}

	void close() {
		this.fake.close();
	}

}
