package io.exatlas.fly.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;

import io.exatlas.compute.autoconfigure.ExAtlasProperties;
import io.exatlas.fly.logs.FlyLogTail;
import io.exatlas.fly.tokens.FlyTokenSettings;
import io.exatlas.internal.PropertyRules;
import io.exatlas.providers.http.HttpProviderSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Settings of the Fly.io platform operations.
 */
@ConfigurationProperties("exatlas.fly")
public class FlyProperties implements Validator {

	/**
	 * The fly CLI: a name looked up on the PATH, or a path.
	 */
	private String cli = "fly";

	/**
	 * Slug of the Fly organization the CLI mints tokens for; flyctl needs it when it runs without a terminal.
	 */
	private @Nullable String org;

	private final Tokens tokens = new Tokens();

	private final Logs logs = new Logs();

	private final Deploy deploy = new Deploy();

	public String getCli() {
		return this.cli;
	}

	public void setCli(String cli) {
		this.cli = cli;
	}

	public @Nullable String getOrg() {
		return this.org;
	}

	public void setOrg(@Nullable String org) {
		this.org = org;
	}

	public Tokens getTokens() {
		return this.tokens;
	}

	public Logs getLogs() {
		return this.logs;
	}

	public Deploy getDeploy() {
		return this.deploy;
	}

	/**
	 * Fly's log API and live tails.
	 */
	public static class Logs {

		/**
		 * Base URL of Fly's platform API, which serves /api/v1/apps/{app}/logs.
		 */
		private String baseUrl = "https://api.fly.io";

		/**
		 * Wait between fetches of a live tail.
		 */
		private Duration pollInterval = Duration.ofSeconds(2);

		/**
		 * Longest wait of a tail backing off after consecutive transient errors.
		 */
		private Duration maxBackoff = Duration.ofSeconds(30);

		/**
		 * Entries buffered per tail subscriber before the overflow policy applies.
		 */
		private int bufferSize = 1000;

		/**
		 * What a subscriber's full buffer does: drop-oldest, drop-newest or disconnect.
		 */
		private FlyLogTail.Overflow overflow = FlyLogTail.Overflow.DROP_OLDEST;

		public String getBaseUrl() {
			return this.baseUrl;
		}

		public void setBaseUrl(String baseUrl) {
			this.baseUrl = baseUrl;
		}

		public Duration getPollInterval() {
			return this.pollInterval;
		}

		public void setPollInterval(Duration pollInterval) {
			this.pollInterval = pollInterval;
		}

		public Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		public void setMaxBackoff(Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
		}

		public int getBufferSize() {
			return this.bufferSize;
		}

		public void setBufferSize(int bufferSize) {
			this.bufferSize = bufferSize;
		}

		public FlyLogTail.Overflow getOverflow() {
			return this.overflow;
		}

		public void setOverflow(FlyLogTail.Overflow overflow) {
			this.overflow = overflow;
		}


		/**
		 * The log API's connection settings: this base URL with the global HTTP defaults.
		 * @param http the global HTTP defaults ({@code exatlas.http.*})
		 * @return the settings
		 */
		public HttpProviderSettings toSettings(ExAtlasProperties.Http http) {
			return http.toSettings(this.baseUrl);
		}

	}

	/**
	 * Deploys with the fly CLI.
	 */
	public static class Deploy {

		/**
		 * Cap of a deploy run to completion.
		 */
		private Duration timeout = Duration.ofMinutes(15);

		/**
		 * How long a streamed deploy waits for its next output line.
		 */
		private Duration activityTimeout = Duration.ofMinutes(5);

		/**
		 * Absolute cap of a streamed deploy.
		 */
		private Duration maxDuration = Duration.ofMinutes(30);

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public Duration getActivityTimeout() {
			return this.activityTimeout;
		}

		public void setActivityTimeout(Duration activityTimeout) {
			this.activityTimeout = activityTimeout;
		}

		public Duration getMaxDuration() {
			return this.maxDuration;
		}

		public void setMaxDuration(Duration maxDuration) {
			this.maxDuration = maxDuration;
		}

	}

	/**
	 * Where the token store keeps tokens.
	 */
	public enum StoreType {

		/** One JSON file (mode 0600), see exatlas.fly.tokens.file. */
		FILE,

		/** Memory only: tokens are acquired again after a restart. */
		MEMORY,

		/**
		 * Redis, shared by every instance (needs Spring Data Redis): one CLI call per cluster, invalidations
		 * announced to the other instances. See exatlas.redis.*.
		 */
		REDIS

	}

	/**
	 * The Fly token lifecycle.
	 */
	public static class Tokens {

		/**
		 * Whether the Fly token manager is configured.
		 */
		private boolean enabled = true;

		/**
		 * Where acquired and manual tokens are kept.
		 */
		private StoreType store = StoreType.FILE;

		/**
		 * The token file of the file store; defaults to ~/.exatlas/fly-tokens.json.
		 */
		private @Nullable Path file;

		/**
		 * Whether flyctl's config.yml access token is a step of the chain.
		 */
		private boolean configFileEnabled = true;

		/**
		 * flyctl's config file; defaults to $FLY_CONFIG_DIR/config.yml, else ~/.fly/config.yml.
		 */
		private @Nullable Path configFile;

		/**
		 * Lifetime given to tokens from the config file and the CLI.
		 */
		private Duration ttl = Duration.ofHours(24);

		/**
		 * How long "fly tokens create readonly" may run before it is killed.
		 */
		private Duration cliTimeout = Duration.ofSeconds(15);

		/**
		 * How long before expiry a token is refreshed in the background; 0 disables it.
		 */
		private Duration softRefreshLead = Duration.ofHours(1);

		/**
		 * How long the CLI is not tried again for an app after it failed.
		 */
		private Duration cliFailureBackoff = Duration.ofSeconds(30);

		/**
		 * The most apps whose tokens are cached.
		 */
		private long cacheMaximumSize = 10_000;

		/**
		 * How many apps may resolve a token at the same time.
		 */
		private int maxConcurrentResolutions = 128;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public StoreType getStore() {
			return this.store;
		}

		public void setStore(StoreType store) {
			this.store = store;
		}

		public @Nullable Path getFile() {
			return this.file;
		}

		public void setFile(@Nullable Path file) {
			this.file = file;
		}

		public boolean isConfigFileEnabled() {
			return this.configFileEnabled;
		}

		public void setConfigFileEnabled(boolean configFileEnabled) {
			this.configFileEnabled = configFileEnabled;
		}

		public @Nullable Path getConfigFile() {
			return this.configFile;
		}

		public void setConfigFile(@Nullable Path configFile) {
			this.configFile = configFile;
		}

		public Duration getTtl() {
			return this.ttl;
		}

		public void setTtl(Duration ttl) {
			this.ttl = ttl;
		}

		public Duration getCliTimeout() {
			return this.cliTimeout;
		}

		public void setCliTimeout(Duration cliTimeout) {
			this.cliTimeout = cliTimeout;
		}

		public Duration getSoftRefreshLead() {
			return this.softRefreshLead;
		}

		public void setSoftRefreshLead(Duration softRefreshLead) {
			this.softRefreshLead = softRefreshLead;
		}

		public Duration getCliFailureBackoff() {
			return this.cliFailureBackoff;
		}

		public void setCliFailureBackoff(Duration cliFailureBackoff) {
			this.cliFailureBackoff = cliFailureBackoff;
		}

		public long getCacheMaximumSize() {
			return this.cacheMaximumSize;
		}

		public void setCacheMaximumSize(long cacheMaximumSize) {
			this.cacheMaximumSize = cacheMaximumSize;
		}

		public int getMaxConcurrentResolutions() {
			return this.maxConcurrentResolutions;
		}

		public void setMaxConcurrentResolutions(int maxConcurrentResolutions) {
			this.maxConcurrentResolutions = maxConcurrentResolutions;
		}


		/**
		 * The token chain's settings these properties describe. A resolution may take the CLI's timeout plus 30 s
		 * (the store and {@code config.yml} steps before it) before its callers give up.
		 * @return the settings
		 */
		public FlyTokenSettings toSettings() {
			return new FlyTokenSettings(this.ttl, this.softRefreshLead, this.cliFailureBackoff, this.cacheMaximumSize,
					this.cliTimeout.plusSeconds(30));
		}

	}

	@Override
	public boolean supports(Class<?> type) {
		return FlyProperties.class.isAssignableFrom(type);
	}

	/**
	 * Reject values that cannot work, after binding (Spring Boot reports each with the property and the reason).
	 * @param target this object
	 * @param errors the rejections
	 */
	@Override
	public void validate(Object target, Errors errors) {
		PropertyRules.positive(errors, "logs.pollInterval", this.logs.getPollInterval());
		PropertyRules.positive(errors, "logs.maxBackoff", this.logs.getMaxBackoff());
		PropertyRules.atLeast(errors, "logs.bufferSize", this.logs.getBufferSize(), 1);
		PropertyRules.positive(errors, "deploy.timeout", this.deploy.getTimeout());
		PropertyRules.positive(errors, "deploy.activityTimeout", this.deploy.getActivityTimeout());
		PropertyRules.positive(errors, "deploy.maxDuration", this.deploy.getMaxDuration());
		PropertyRules.positive(errors, "tokens.ttl", this.tokens.getTtl());
		PropertyRules.positive(errors, "tokens.cliTimeout", this.tokens.getCliTimeout());
		PropertyRules.notNegative(errors, "tokens.softRefreshLead", this.tokens.getSoftRefreshLead());
		PropertyRules.notNegative(errors, "tokens.cliFailureBackoff", this.tokens.getCliFailureBackoff());
		PropertyRules.atLeast(errors, "tokens.cacheMaximumSize", this.tokens.getCacheMaximumSize(), 1);
		PropertyRules.atLeast(errors, "tokens.maxConcurrentResolutions", this.tokens.getMaxConcurrentResolutions(), 1);
	}

}
