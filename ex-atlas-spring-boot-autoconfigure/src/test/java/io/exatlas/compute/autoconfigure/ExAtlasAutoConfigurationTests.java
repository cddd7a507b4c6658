package io.exatlas.compute.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.exatlas.InvalidConfigurationException;
import io.exatlas.compute.ComputeOperationEvent;
import io.exatlas.compute.ComputeProviders;
import io.exatlas.compute.ComputeRequest;
import io.exatlas.compute.ExAtlas;
import io.exatlas.compute.GpuCatalog;
import io.exatlas.compute.ReactiveExAtlas;
import io.exatlas.compute.facade.DefaultExAtlas;
import io.exatlas.compute.facade.DefaultReactiveExAtlas;
import io.exatlas.event.ApplicationExAtlasEventPublisher;
import io.exatlas.event.ExAtlasEvent;
import io.exatlas.event.ExAtlasEventPublisher;
import io.exatlas.providers.http.ProviderHttpClientFactory;
import io.exatlas.providers.mock.MockComputeProvider;
import io.exatlas.providers.mock.autoconfigure.MockProviderAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class ExAtlasAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ReactiveHttpClientAutoConfiguration.class,
				WebClientAutoConfiguration.class, ExAtlasAutoConfiguration.class,
				MockProviderAutoConfiguration.class));

	@Test
	void theDefaultContextHasTheFacadesTheCatalogTheMockAndThePlumbing() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(DefaultExAtlas.class)
				.hasSingleBean(DefaultReactiveExAtlas.class)
				.hasSingleBean(GpuCatalog.class)
				.hasSingleBean(ComputeProviders.class)
				.hasSingleBean(MockComputeProvider.class)
				.hasSingleBean(ApplicationExAtlasEventPublisher.class)
				.hasSingleBean(ProviderHttpClientFactory.class);
			assertThat(context.getBean(ComputeProviders.class).ids()).containsExactly("mock");
			assertThat(context.getBean(ComputeProviders.class).defaultProvider()).isNull();
		});
	}

	@Test
	void theDefaultProviderAndNamePrefixAreConfigurable() {
		this.runner.withPropertyValues("exatlas.default-provider=mock", "exatlas.compute.name-prefix=team-a-")
			.run((context) -> {
				ExAtlas exatlas = context.getBean(ExAtlas.class);
				assertThat(exatlas.spawn(ComputeRequest.builder().gpu("h100").build()).name()).startsWith("team-a-");
			});
	}

	@Test
	void anUnknownDefaultProviderFailsStartup() {
		this.runner.withPropertyValues("exatlas.default-provider=runpod")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOfSatisfying(InvalidConfigurationException.class,
						(ex) -> assertThat(ex.property()).isEqualTo("exatlas.default-provider"))
				.hasMessageContaining("'runpod' names no enabled provider"));
	}

	@Test
	void theMockProviderCanBeDisabledAndTuned() {
		this.runner.withPropertyValues("exatlas.providers.mock.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(MockComputeProvider.class));
		this.runner.withPropertyValues("exatlas.default-provider=mock", "exatlas.providers.mock.job-step-delay=0",
				"exatlas.providers.mock.job-steps=5")
			.run((context) -> {
				ExAtlas exatlas = context.getBean(ExAtlas.class);
				var job = exatlas.runJob(io.exatlas.compute.JobRequest.builder("x").build());
				assertThat(exatlas.streamJob(job.ref()).toList()).hasSize(5);
			});
	}

	@Test
	void gpuCatalogEntriesComeFromProperties() {
		this.runner.withPropertyValues("exatlas.gpu-catalog.b300.runpod=NVIDIA B300")
			.run((context) -> assertThat(context.getBean(GpuCatalog.class).nativeId("b300", "runpod"))
				.contains("NVIDIA B300"));
	}

	@Test
	void httpDefaultsBind() {
		this.runner.withPropertyValues("exatlas.http.connect-timeout=2s", "exatlas.http.retry.max-retries=1",
				"exatlas.http.retry.statuses=503", "exatlas.http.max-in-memory-size=1MB")
			.run((context) -> {
				ExAtlasProperties.Http http = context.getBean(ExAtlasProperties.class).getHttp();
				assertThat(http.getConnectTimeout()).isEqualTo(Duration.ofSeconds(2));
				assertThat(http.getRetry().toSettings().maxRetries()).isEqualTo(1);
				assertThat(http.getRetry().toSettings().retryableStatuses()).containsExactly(503);
				assertThat(http.getMaxInMemorySize().toMegabytes()).isEqualTo(1);
			});
	}

	@Test
	void userBeansReplaceTheDefaults() {
		this.runner.withUserConfiguration(UserBeans.class).run((context) -> {
			assertThat(context).hasSingleBean(ExAtlas.class).hasSingleBean(ReactiveExAtlas.class);
			assertThat(context.getBean(ExAtlas.class)).isSameAs(context.getBean("myExAtlas"));
			assertThat(context.getBean(ReactiveExAtlas.class)).isSameAs(context.getBean("myReactiveExAtlas"));
			assertThat(context).hasSingleBean(ExAtlasEventPublisher.class)
				.doesNotHaveBean(ApplicationExAtlasEventPublisher.class);
			assertThat(context.getBean(GpuCatalog.class).supportedBy("runpod")).isEmpty();
			assertThat(context.getBean(MockComputeProvider.class)).isSameAs(UserBeans.MOCK);
		});
	}

	@Test
	void eventsReachApplicationListenersAndAFailingListenerDoesNotFailTheCall(CapturedOutput output) {
		this.runner.withPropertyValues("exatlas.default-provider=mock")
			.withUserConfiguration(Listeners.class)
			.run((context) -> {
				ExAtlas exatlas = context.getBean(ExAtlas.class);
				exatlas.spawn(ComputeRequest.builder().gpu("h100").build());
				assertThat(context.getBean(Listeners.class).received).singleElement()
					.isInstanceOf(ComputeOperationEvent.class);
				assertThat(output).contains("A listener failed on ComputeOperationEvent");
			});
	}

	@Test
	void worksWithoutBootsWebClientAutoConfigurationOrReactorNetty() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ExAtlasAutoConfiguration.class, MockProviderAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader("reactor.netty", "org.springframework.boot.webclient"))
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(ProviderHttpClientFactory.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserBeans {

		static final MockComputeProvider MOCK = new MockComputeProvider(GpuCatalog.builtIn(),
				java.time.Clock.systemUTC(), reactor.core.scheduler.Schedulers.immediate(), Duration.ZERO, 1);

		@Bean
		ExAtlas myExAtlas(ReactiveExAtlas reactive) {
			return new DefaultExAtlas(reactive).using("mock");
		}

		@Bean
		ReactiveExAtlas myReactiveExAtlas(ComputeProviders providers) {
			return new DefaultReactiveExAtlas(providers, ExAtlasEventPublisher.noop(), java.time.Clock.systemUTC(),
					"mine-").using("mock");
		}

		@Bean
		ExAtlasEventPublisher myPublisher() {
			return ExAtlasEventPublisher.noop();
		}

		@Bean
		GpuCatalog myCatalog() {
			return GpuCatalog.of(java.util.Map.of("mock", java.util.Map.of("h100", "mock-h100")));
		}

		@Bean
		MockComputeProvider myMock() {
			return MOCK;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Listeners {

		final List<ExAtlasEvent> received = new CopyOnWriteArrayList<>();

		@Bean
		ApplicationListener<ExAtlasEvent> recording() {
			return this.received::add;
		}

		@Bean
		ApplicationListener<ComputeOperationEvent> failing() {
			return (event) -> {
				throw new IllegalStateException("listener bug");
			};
		}

	}

}
