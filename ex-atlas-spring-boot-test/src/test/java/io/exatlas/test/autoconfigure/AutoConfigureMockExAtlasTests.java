package io.exatlas.test.autoconfigure;

import java.time.Duration;
import java.util.Map;

import io.exatlas.compute.ComputeOperationEvent;
import io.exatlas.compute.ComputeProvider;
import io.exatlas.compute.ComputeProviders;
import io.exatlas.compute.ComputeRequest;
import io.exatlas.compute.ExAtlas;
import io.exatlas.compute.Job;
import io.exatlas.compute.JobRequest;
import io.exatlas.compute.JobStatus;
import io.exatlas.fly.tokens.InMemoryTokenStore;
import io.exatlas.fly.tokens.TokenStore;
import io.exatlas.test.event.ExAtlasEventRecorder;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link AutoConfigureMockExAtlas} switches an application to the instant mock, whatever keys it is given, and
 * records its events without replacing the application's publisher.
 */
@SpringBootTest(properties = { "exatlas.providers.runpod.api-key=not-a-real-key",
		"exatlas.providers.vast.api-key=not-a-real-key" })
@AutoConfigureMockExAtlas
class AutoConfigureMockExAtlasTests {

	@Autowired
	private ExAtlas exatlas;

	@Autowired
	private ExAtlasEventRecorder events;

	@Autowired
	private ApplicationContext context;

	@Test
	void onlyTheMockProviderIsRegisteredAndIsTheDefault() {
		assertThat(this.context.getBeansOfType(ComputeProvider.class).values()).extracting(ComputeProvider::id)
			.containsExactly("mock");
		assertThat(this.context.getBean(ComputeProviders.class).resolve(null).id()).isEqualTo("mock");
	}

	@Test
	void mockJobsCompleteAsTheyAreSubmitted() {
		Job job = this.exatlas.runJob(JobRequest.builder(Map.of("prompt", "hi")).sync(Duration.ofSeconds(5)).build());
		assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
	}

	@Test
	void theRecorderSeesTheApplicationsEventsAndTheFlyStoreIsInMemory() {
		this.events.clear();
		this.exatlas.spawn(ComputeRequest.builder().image("busybox:latest").build());
		assertThat(this.events.ofType(ComputeOperationEvent.class)).isNotEmpty()
			.allSatisfy((event) -> assertThat(event.provider()).isEqualTo("mock"));
		assertThat(this.context.getBean(TokenStore.class)).isInstanceOf(InMemoryTokenStore.class);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

	}

}
