package io.exatlas.fly.logs.autoconfigure;

import java.time.Duration;

import io.exatlas.compute.autoconfigure.ExAtlasAutoConfiguration;
import io.exatlas.fly.autoconfigure.FlyProperties;
import io.exatlas.fly.deploy.FlyDeployer;
import io.exatlas.fly.deploy.autoconfigure.FlyDeployAutoConfiguration;
import io.exatlas.fly.logs.FlyLogTail;
import io.exatlas.fly.logs.FlyLogsClient;
import io.exatlas.fly.tokens.autoconfigure.FlyTokensAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

class FlyLogsAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ReactiveHttpClientAutoConfiguration.class,
				WebClientAutoConfiguration.class, ExAtlasAutoConfiguration.class, FlyTokensAutoConfiguration.class,
				FlyLogsAutoConfiguration.class, FlyDeployAutoConfiguration.class))
		.withPropertyValues("exatlas.fly.tokens.store=memory", "exatlas.fly.tokens.config-file-enabled=false");

	@Test
	void logsAndDeploysAreConfiguredFromProperties() {
		this.runner
			.withPropertyValues("exatlas.fly.logs.poll-interval=5s", "exatlas.fly.logs.overflow=disconnect",
					"exatlas.fly.deploy.activity-timeout=1m")
			.run((context) -> {
				assertThat(context).hasSingleBean(FlyLogsClient.class)
					.hasSingleBean(FlyLogTail.class)
					.hasSingleBean(FlyDeployer.class);
				FlyProperties properties = context.getBean(FlyProperties.class);
				assertThat(properties.getLogs().getPollInterval()).isEqualTo(Duration.ofSeconds(5));
				assertThat(properties.getLogs().getOverflow()).isEqualTo(FlyLogTail.Overflow.DISCONNECT);
				assertThat(properties.getDeploy().getActivityTimeout()).isEqualTo(Duration.ofMinutes(1));
				assertThat(properties.getDeploy().getMaxDuration()).isEqualTo(Duration.ofMinutes(30));
			});
	}

	@Test
	void withoutTheTokenChainThereIsNoLogClientButDeploysRemain() {
		this.runner.withPropertyValues("exatlas.fly.tokens.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(FlyLogsClient.class).doesNotHaveBean(FlyLogTail.class);
			assertThat(context).hasSingleBean(FlyDeployer.class);
		});
	}

}
