package io.exatlas.fly.tokens.autoconfigure;

import java.nio.file.Path;
import java.time.Clock;

import io.exatlas.InvalidConfigurationException;
import io.exatlas.compute.autoconfigure.ExAtlasAutoConfiguration;
import io.exatlas.event.ExAtlasEventPublisher;
import io.exatlas.fly.autoconfigure.FlyProperties;
import io.exatlas.fly.tokens.FileTokenStore;
import io.exatlas.fly.tokens.FlyCliTokenIssuer;
import io.exatlas.fly.tokens.FlyConfigFile;
import io.exatlas.fly.tokens.FlyTokens;
import io.exatlas.fly.tokens.InMemoryTokenStore;
import io.exatlas.fly.tokens.TokenStore;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * The Fly.io token manager and its durable store, unless {@code exatlas.fly.tokens.enabled=false}.
 */
@AutoConfiguration(after = ExAtlasAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "exatlas.fly.tokens.enabled", matchIfMissing = true)
@EnableConfigurationProperties(FlyProperties.class)
public final class FlyTokensAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(TokenStore.class)
	@ConditionalOnProperty(name = "exatlas.fly.tokens.store", havingValue = "file", matchIfMissing = true)
	FileTokenStore flyFileTokenStore(FlyProperties properties, Environment environment, ObjectProvider<Clock> clock) {
		Path file = properties.getTokens().getFile();
		if (file == null) {
			file = Path.of(environment.getProperty("user.home", "."), ".exatlas", "fly-tokens.json");
		}
		return new FileTokenStore(file, clock.getIfAvailable(Clock::systemUTC));
	}

	@Bean
	@ConditionalOnMissingBean(TokenStore.class)
	@ConditionalOnProperty(name = "exatlas.fly.tokens.store", havingValue = "memory")
	InMemoryTokenStore flyInMemoryTokenStore() {
		return new InMemoryTokenStore();
	}

	@Bean
	@ConditionalOnMissingBean(TokenStore.class)
	@ConditionalOnProperty(name = "exatlas.fly.tokens.store", havingValue = "redis")
	TokenStore flyRedisTokenStoreUnavailable() {
		throw new InvalidConfigurationException("exatlas.fly.tokens.store",
				"'redis' needs Spring Data Redis on the class path and a Redis connection",
				"Add spring-boot-starter-data-redis and configure spring.data.redis.*, or set "
						+ "exatlas.fly.tokens.store=file (the default) or memory.");
	}

	@Bean
	@ConditionalOnMissingBean
	FlyTokens flyTokens(TokenStore store, FlyProperties properties, ExAtlasEventPublisher events,
			ObjectProvider<Clock> clock, Environment environment, ObjectProvider<ObservationRegistry> observations) {
		FlyProperties.Tokens tokens = properties.getTokens();
		FlyConfigFile configFile = tokens.isConfigFileEnabled() ? new FlyConfigFile(configFile(tokens, environment))
				: null;
		FlyCliTokenIssuer cli = new FlyCliTokenIssuer(properties.getCli(), properties.getOrg(), tokens.getCliTimeout());
		return FlyTokens.builder(store, cli)
			.configFile(configFile)
			.environment(environment::getProperty)
			.settings(tokens.toSettings())
			.events(events)
			.clock(clock.getIfAvailable(Clock::systemUTC))
			.observations(observations.getIfAvailable(() -> ObservationRegistry.NOOP))
			.maxConcurrentResolutions(tokens.getMaxConcurrentResolutions())
			.build();
	}

	private static Path configFile(FlyProperties.Tokens tokens, Environment environment) {
		if (tokens.getConfigFile() != null) {
			return tokens.getConfigFile();
		}
		String configDirectory = environment.getProperty("FLY_CONFIG_DIR");
		if (StringUtils.hasText(configDirectory)) {
			return Path.of(configDirectory, "config.yml");
		}
		return Path.of(environment.getProperty("user.home", "."), ".fly", "config.yml");
	}

}
