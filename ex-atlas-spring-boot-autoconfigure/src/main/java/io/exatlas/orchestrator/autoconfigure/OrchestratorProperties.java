package io.exatlas.orchestrator.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

import io.exatlas.internal.PropertyRules;
import io.exatlas.orchestrator.MembershipSettings;
import io.exatlas.orchestrator.OrchestratorSettings;
import io.exatlas.orchestrator.ReaperSettings;
import io.exatlas.orchestrator.ShutdownPolicy;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Settings of the compute session orchestrator and its reaper.
 */
@ConfigurationProperties("exatlas.orchestrator")
public class OrchestratorProperties implements Validator {

	/**
	 * Whether the orchestrator (and its reaper) is configured.
	 */
	private boolean enabled;

	/**
	 * Default idle TTL of a session.
	 */
	private Duration idleTtl = Duration.ofMinutes(30);

	/**
	 * Default hard lifetime of a session, however active (unset: none); SessionOptions.withMaxLifetime overrides it.
	 */
	private @Nullable Duration maxLifetime;

	/**
	 * Interval of heartbeat events of a session; 0 disables them.
	 */
	private Duration heartbeatInterval = Duration.ofSeconds(60);

	/**
	 * How often due sessions are checked: the precision of idle expiry.
	 */
	private Duration tickInterval = Duration.ofSeconds(1);

	/**
	 * What happens to tracked sessions on graceful shutdown.
	 */
	private ShutdownPolicy shutdownPolicy = ShutdownPolicy.TERMINATE;

	/**
	 * Longest time graceful shutdown waits for sessions to be terminated.
	 */
	private Duration shutdownTimeout = Duration.ofSeconds(30);

	/**
	 * This instance's id in the session registry; defaults to the HOSTNAME environment variable and the process id.
	 */
	private @Nullable String instanceId;

	/**
	 * Where tracked sessions are kept: in this instance's memory, or in Redis, shared by every instance (needs
	 * Spring Data Redis; see exatlas.redis.*).
	 */
	private RegistryType registry = RegistryType.MEMORY;

	/**
	 * How often this instance renews its heartbeat in a shared registry and looks for sessions of dead instances
	 * to take over.
	 */
	private Duration instanceHeartbeatInterval = Duration.ofSeconds(5);

	/**
	 * How long an instance's heartbeat lasts: after it, the other instances take its sessions over.
	 */
	private Duration instanceTtl = Duration.ofSeconds(15);

	private final Reaper reaper = new Reaper();

	public RegistryType getRegistry() {
		return this.registry;
	}

	public void setRegistry(RegistryType registry) {
		this.registry = registry;
	}

	public Duration getInstanceHeartbeatInterval() {
		return this.instanceHeartbeatInterval;
	}

	public void setInstanceHeartbeatInterval(Duration instanceHeartbeatInterval) {
		this.instanceHeartbeatInterval = instanceHeartbeatInterval;
	}

	public Duration getInstanceTtl() {
		return this.instanceTtl;
	}

	public void setInstanceTtl(Duration instanceTtl) {
		this.instanceTtl = instanceTtl;
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable Duration getMaxLifetime() {
		return this.maxLifetime;
	}

	public void setMaxLifetime(@Nullable Duration maxLifetime) {
		this.maxLifetime = maxLifetime;
	}

	public Duration getIdleTtl() {
		return this.idleTtl;
	}

	public void setIdleTtl(Duration idleTtl) {
		this.idleTtl = idleTtl;
	}

	public Duration getHeartbeatInterval() {
		return this.heartbeatInterval;
	}

	public void setHeartbeatInterval(Duration heartbeatInterval) {
		this.heartbeatInterval = heartbeatInterval;
	}

	public Duration getTickInterval() {
		return this.tickInterval;
	}

	public void setTickInterval(Duration tickInterval) {
		this.tickInterval = tickInterval;
	}

	public ShutdownPolicy getShutdownPolicy() {
		return this.shutdownPolicy;
	}

	public void setShutdownPolicy(ShutdownPolicy shutdownPolicy) {
		this.shutdownPolicy = shutdownPolicy;
	}

	public Duration getShutdownTimeout() {
		return this.shutdownTimeout;
	}

	public void setShutdownTimeout(Duration shutdownTimeout) {
		this.shutdownTimeout = shutdownTimeout;
	}

	public @Nullable String getInstanceId() {
		return this.instanceId;
	}

	public void setInstanceId(@Nullable String instanceId) {
		this.instanceId = instanceId;
	}

	/**
	 * The orchestrator's settings these properties describe.
	 * @param instanceId this instance's id, from {@link #resolveInstanceId(Environment)}
	 * @return the settings
	 */
	public OrchestratorSettings toSettings(String instanceId) {
		return new OrchestratorSettings(this.idleTtl, this.heartbeatInterval, this.tickInterval, this.shutdownPolicy,
				this.shutdownTimeout, instanceId, this.reaper.getNamePrefix(), this.maxLifetime);
	}

	/**
	 * The cluster membership settings these properties describe.
	 * @return the settings
	 */
	public MembershipSettings toMembershipSettings() {
		return new MembershipSettings(this.instanceHeartbeatInterval, this.instanceTtl);
	}

	/**
	 * This instance's id: {@code exatlas.orchestrator.instance-id} when set, else {@code HOSTNAME-pid}.
	 * @param environment the Spring environment (for {@code HOSTNAME})
	 * @return the id
	 */
	public String resolveInstanceId(Environment environment) {
		if (StringUtils.hasText(this.instanceId)) {
			return this.instanceId;
		}
		return environment.getProperty("HOSTNAME", "exatlas") + "-" + ProcessHandle.current().pid();
	}

	public Reaper getReaper() {
		return this.reaper;
	}

	/**
	 * The reaper of orphaned resources.
	 */
	public static class Reaper {

		/**
		 * Whether orphaned resources are reaped.
		 */
		private boolean enabled = true;

		/**
		 * Time between reaper runs.
		 */
		private Duration interval = Duration.ofSeconds(60);

		/**
		 * Only untracked resources whose name starts with this are reaped; sessions spawned without a name get it.
		 */
		private String namePrefix = "atlas-";

		/**
		 * Whether an empty name prefix is accepted (it reaps every untracked named resource of the account).
		 */
		private boolean allowEmptyPrefix;

		/**
		 * Minimum age of an untracked resource before it is reaped.
		 */
		private Duration gracePeriod = Duration.ofMinutes(5);

		/**
		 * Providers to reap; empty means every registered provider.
		 */
		private Set<String> providers = new LinkedHashSet<>();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getInterval() {
			return this.interval;
		}

		public void setInterval(Duration interval) {
			this.interval = interval;
		}

		public String getNamePrefix() {
			return this.namePrefix;
		}

		public void setNamePrefix(String namePrefix) {
			this.namePrefix = namePrefix;
		}

		public boolean isAllowEmptyPrefix() {
			return this.allowEmptyPrefix;
		}

		public void setAllowEmptyPrefix(boolean allowEmptyPrefix) {
			this.allowEmptyPrefix = allowEmptyPrefix;
		}

		public Duration getGracePeriod() {
			return this.gracePeriod;
		}

		public void setGracePeriod(Duration gracePeriod) {
			this.gracePeriod = gracePeriod;
		}

		public Set<String> getProviders() {
			return this.providers;
		}

		public void setProviders(Set<String> providers) {
			this.providers = providers;
		}

		/**
		 * The reaper's settings these properties describe.
		 * @return the settings
		 */
		public ReaperSettings toSettings() {
			return new ReaperSettings(this.interval, this.namePrefix, this.gracePeriod, this.providers,
					this.allowEmptyPrefix);
		}

	}

	/**
	 * Where tracked sessions are kept.
	 */
	public enum RegistryType {

		/** This instance's memory: one instance per application. */
		MEMORY,

		/** Redis, shared by every instance of the application. */
		REDIS

	}

	@Override
	public boolean supports(Class<?> type) {
		return OrchestratorProperties.class.isAssignableFrom(type);
	}

	/**
	 * Reject values that cannot work, after binding (Spring Boot reports each with the property and the reason): a
	 * negative idle TTL would end every session at once, a huge one would overflow the deadline arithmetic.
	 * @param target this object
	 * @param errors the rejections
	 */
	@Override
	public void validate(Object target, Errors errors) {
		PropertyRules.positive(errors, "idleTtl", this.idleTtl);
		if (this.maxLifetime != null) {
			PropertyRules.positive(errors, "maxLifetime", this.maxLifetime);
		}
		PropertyRules.notNegative(errors, "heartbeatInterval", this.heartbeatInterval);
		PropertyRules.positive(errors, "tickInterval", this.tickInterval);
		PropertyRules.positive(errors, "shutdownTimeout", this.shutdownTimeout);
		PropertyRules.positive(errors, "instanceHeartbeatInterval", this.instanceHeartbeatInterval);
		PropertyRules.positive(errors, "instanceTtl", this.instanceTtl);
		if (this.instanceTtl.compareTo(this.instanceHeartbeatInterval) <= 0) {
			errors.rejectValue("instanceTtl", "exatlas.instanceTtl", "must be longer than instance-heartbeat-interval ("
					+ this.instanceHeartbeatInterval + "), or live instances look dead");
		}
		PropertyRules.positive(errors, "reaper.interval", this.reaper.getInterval());
		PropertyRules.notNegative(errors, "reaper.gracePeriod", this.reaper.getGracePeriod());
	}

}
