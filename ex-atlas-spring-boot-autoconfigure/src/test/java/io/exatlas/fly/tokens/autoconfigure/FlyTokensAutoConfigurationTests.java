package io.exatlas.fly.tokens.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.exatlas.compute.autoconfigure.ExAtlasAutoConfiguration;
import io.exatlas.fly.tokens.FileTokenStore;
import io.exatlas.fly.tokens.FlyToken;
import io.exatlas.fly.tokens.FlyTokens;
import io.exatlas.fly.tokens.InMemoryTokenStore;
import io.exatlas.fly.tokens.TokenAcquirer;
import io.exatlas.fly.tokens.TokenKind;
import io.exatlas.fly.tokens.TokenSource;
import io.exatlas.fly.tokens.TokenStore;
import io.exatlas.fly.tokens.actuate.FlyTokensEndpoint;
import io.exatlas.support.FakeFlyCli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class FlyTokensAutoConfigurationTests {

	@TempDir
	Path temp;

	private final FakeFlyCli cli = new FakeFlyCli();

	@AfterEach
	void close() {
		this.cli.close();
	}

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ExAtlasAutoConfiguration.class, FlyTokensAutoConfiguration.class,
					EndpointAutoConfiguration.class, FlyTokensEndpointAutoConfiguration.class))
			.withPropertyValues("exatlas.fly.cli=" + this.cli.executable(), "exatlas.fly.org=acme",
					"exatlas.fly.tokens.file=" + this.temp.resolve("tokens.json"),
					"exatlas.fly.tokens.config-file-enabled=false");
	}

	@Test
	void theTokenManagerAndAFileStoreAreConfiguredByDefault() {
		runner().run((context) -> {
			assertThat(context).hasSingleBean(FlyTokens.class).hasSingleBean(FileTokenStore.class);
			assertThat(context.getBean(FileTokenStore.class).file()).isEqualTo(this.temp.resolve("tokens.json"));
			assertThat(context).doesNotHaveBean(FlyTokensEndpoint.class);
		});
	}

	@Test
	void theCliGetsTheConfiguredOrg() {
		runner().run((context) -> {
			assertThat(context.getBean(FlyTokens.class).get("my-app").source()).isEqualTo(TokenSource.CLI);
			assertThat(this.cli.invocations()).singleElement()
				.satisfies((line) -> assertThat(line).endsWith("tokens create readonly acme"));
		});
	}

	@Test
	void aNewContextOverTheSameFileResolvesFromStorageWithoutTheCli() {
		runner().run((context) -> {
			context.getBean(FlyTokens.class).get("my-app");
			await().atMost(5, TimeUnit.SECONDS).until(() -> Files.exists(this.temp.resolve("tokens.json")));
		});
		runner().run((context) -> {
			assertThat(context.getBean(FlyTokens.class).get("my-app").source()).isEqualTo(TokenSource.STORAGE);
			assertThat(this.cli.invocations()).hasSize(1);
		});
	}

	@Test
	void closingTheContextRightAfterAnAcquisitionStillPersistsTheToken() {
		runner().run((context) -> context.getBean(FlyTokens.class).get("my-app"));
		FileTokenStore reopened = new FileTokenStore(this.temp.resolve("tokens.json"), java.time.Clock.systemUTC());
		assertThat(reopened.get("my-app", TokenKind.CACHED)).isPresent();
	}

	@Test
	void theMemoryStoreKeepsNothingOnDisk() {
		runner().withPropertyValues("exatlas.fly.tokens.store=memory").run((context) -> {
			assertThat(context).hasSingleBean(InMemoryTokenStore.class).doesNotHaveBean(FileTokenStore.class);
			context.getBean(FlyTokens.class).get("my-app");
			assertThat(this.temp.resolve("tokens.json")).doesNotExist();
		});
	}

	@Test
	void theFlyctlConfigDirectoryComesFromFlyConfigDir() throws IOException {
		Files.writeString(this.temp.resolve("config.yml"), "access_token: fm2_from_config\n");
		runner().withPropertyValues("exatlas.fly.tokens.config-file-enabled=true", "FLY_CONFIG_DIR=" + this.temp)
			.run((context) -> {
				FlyToken token = context.getBean(FlyTokens.class).get("my-app");
				assertThat(token.source()).isEqualTo(TokenSource.CONFIG);
				assertThat(this.cli.invocations()).isEmpty();
			});
	}

	@Test
	void canBeDisabled() {
		runner().withPropertyValues("exatlas.fly.tokens.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(FlyTokens.class).doesNotHaveBean(TokenStore.class));
	}

	@Test
	void theEndpointReportsSourcesWithoutTokens() {
		runner().withPropertyValues("management.endpoints.web.exposure.include=flytokens").run((context) -> {
			FlyTokens tokens = context.getBean(FlyTokens.class);
			FlyToken token = tokens.get("my-app");
			tokens.get("my-app");
			FlyTokensEndpoint endpoint = context.getBean(FlyTokensEndpoint.class);
			FlyTokensEndpoint.FlyTokensDescriptor descriptor = endpoint.tokens();
			assertThat(descriptor.total().acquisitions()).isEqualTo(2);
			assertThat(descriptor.total().fastPathHitRatio()).isEqualTo(0.5);
			assertThat(descriptor.cache().hitCount()).isEqualTo(1);
			FlyTokensEndpoint.AppDescriptor app = descriptor.apps().get("my-app");
			assertThat(app.currentSource()).isEqualTo(TokenSource.CLI);
			assertThat(app.expiresAt()).isNotNull();
			assertThat(app.acquisitions().counts().get(TokenSource.CLI).get(TokenAcquirer.APP_SERVER)).isEqualTo(1);
			assertThat(descriptor.toString()).doesNotContain(token.token().reveal());
			assertThat(endpoint.app("unknown-app")).isNull();
			endpoint.invalidate("my-app");
			assertThat(endpoint.app("my-app").currentSource()).isNull();
			assertThat(endpoint.refresh("my-app").currentSource()).isEqualTo(TokenSource.CLI);
		});
	}

	@Test
	void withoutActuatorThereIsNoEndpoint() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ExAtlasAutoConfiguration.class, FlyTokensAutoConfiguration.class,
					FlyTokensEndpointAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate"))
			.withPropertyValues("exatlas.fly.tokens.store=memory", "management.endpoints.web.exposure.include=flytokens")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(FlyTokens.class));
	}

}
