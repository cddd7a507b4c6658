package io.exatlas.pacing.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.exatlas.internal.PropertyRules;
import io.exatlas.pacing.PacingRule;
import io.exatlas.pacing.PacingScope;
import io.exatlas.pacing.PacingSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Client-side pacing of provider requests: the built-in rules (the clouds' published limits) and overrides by
 * provider and rule name, e.g. {@code exatlas.pacing.rules.lambda-labs.launch.limit=3} for the rule
 * {@code lambda-labs.launch}.
 */
@ConfigurationProperties("exatlas.pacing")
public class PacingProperties implements Validator {

	/**
	 * Whether provider requests are paced on the client.
	 */
	private boolean enabled = true;

	/**
	 * Where the limits are counted: memory (each instance on its own) or redis (shared by every instance; needs
	 * Spring Data Redis with Lettuce and Bucket4j's bucket4j_jdk17-lettuce).
	 */
	private Store store = Store.MEMORY;

	/**
	 * The longest a request waits for a permit; a longer wait fails at once with RATE_LIMITED (code client_pacing).
	 */
	private Duration maxWait = PacingSettings.DEFAULTS.maxWait();

	/**
	 * Providers whose RateLimit and RateLimit-Policy response headers also pace their later requests.
	 */
	private Set<String> serverReported = new LinkedHashSet<>(PacingSettings.DEFAULTS.serverReported());

	/**
	 * Overrides and additions by provider id, then rule name (built in: lambda-labs.requests, lambda-labs.launch,
	 * fly.machine-actions, fly.create-machine, fly.delete-machine, fly.get-machine, vast.endpoints,
	 * runpod.requests).
	 */
	private Map<String, Map<String, Rule>> rules = new LinkedHashMap<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Store getStore() {
		return this.store;
	}

	public void setStore(Store store) {
		this.store = store;
	}

	public Duration getMaxWait() {
		return this.maxWait;
	}

	public void setMaxWait(Duration maxWait) {
		this.maxWait = maxWait;
	}

	public Set<String> getServerReported() {
		return this.serverReported;
	}

	public void setServerReported(Set<String> serverReported) {
		this.serverReported = serverReported;
	}

	public Map<String, Map<String, Rule>> getRules() {
		return this.rules;
	}

	public void setRules(Map<String, Map<String, Rule>> rules) {
		this.rules = rules;
	}

	private Map<String, Rule> byName() {
		Map<String, Rule> byName = new LinkedHashMap<>();
		this.rules.forEach((provider, named) -> named.forEach((name, rule) -> byName.put(provider + '.' + name, rule)));
		return byName;
	}

	/**
	 * The settings these properties describe: the built-in rules with the overrides applied, then the additions.
	 * @return the settings
	 */
	public PacingSettings toSettings() {
		if (!this.enabled) {
			return new PacingSettings(List.of(), this.maxWait, Set.of());
		}
		List<PacingRule> merged = new ArrayList<>();
		Set<String> seen = new LinkedHashSet<>();
		Map<String, Rule> byName = byName();
		for (PacingRule builtIn : PacingSettings.DEFAULTS.rules()) {
			seen.add(builtIn.name());
			Rule override = byName.get(builtIn.name());
			if (override == null) {
				merged.add(builtIn);
			}
			else if (override.isEnabled()) {
				merged.add(override.over(builtIn));
			}
		}
		this.rules.forEach((provider, named) -> named.forEach((name, rule) -> {
			if (!seen.contains(provider + '.' + name) && rule.isEnabled()) {
				merged.add(rule.over(new PacingRule(provider + '.' + name, provider, "*", "*", PacingScope.PROVIDER, 1,
						Duration.ofSeconds(1))));
			}
		}));
		return new PacingSettings(merged, this.maxWait, this.serverReported);
	}

	@Override
	public boolean supports(Class<?> type) {
		return PacingProperties.class.isAssignableFrom(type);
	}

	/**
	 * Reject values that cannot work, after binding (Spring Boot reports each with the property and the reason).
	 * @param target this object
	 * @param errors the rejections
	 */
	@Override
	public void validate(Object target, Errors errors) {
		PropertyRules.notNegative(errors, "maxWait", this.maxWait);
		Set<String> builtIn = new LinkedHashSet<>();
		PacingSettings.DEFAULTS.rules().forEach((rule) -> builtIn.add(rule.name()));
		this.rules.forEach((provider, named) -> named.forEach((name, rule) -> {
			String prefix = "rules[" + provider + "][" + name + "].";
			if (rule.getLimit() != null) {
				PropertyRules.atLeast(errors, prefix + "limit", rule.getLimit(), 1);
			}
			if (rule.getPeriod() != null) {
				PropertyRules.positive(errors, prefix + "period", rule.getPeriod());
			}
			if (!builtIn.contains(provider + '.' + name) && rule.isEnabled()
					&& (rule.getLimit() == null || rule.getPeriod() == null)) {
				errors.rejectValue(prefix + "limit", "required",
						"a new pacing rule needs a limit and a period (built-in rules: " + builtIn + ")");
			}
		}));
	}

	/**
	 * Where the limits are counted.
	 */
	public enum Store {

		/** In this instance. */
		MEMORY,

		/** In Redis, shared by every instance. */
		REDIS

	}

	/**
	 * One rule's settings; unset values keep the built-in rule's.
	 */
	public static class Rule {

		/**
		 * Whether the rule applies.
		 */
		private boolean enabled = true;

		/**
		 * The HTTP method, or * for any.
		 */
		private @Nullable String method;

		/**
		 * The path template as the provider's client writes it, * matching any characters, or * for any path.
		 */
		private @Nullable String path;

		/**
		 * What one limiter counts: provider, endpoint or resource.
		 */
		private @Nullable PacingScope scope;

		/**
		 * Requests per period.
		 */
		private @Nullable Integer limit;

		/**
		 * The period.
		 */
		private @Nullable Duration period;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public @Nullable String getMethod() {
			return this.method;
		}

		public void setMethod(@Nullable String method) {
			this.method = method;
		}

		public @Nullable String getPath() {
			return this.path;
		}

		public void setPath(@Nullable String path) {
			this.path = path;
		}

		public @Nullable PacingScope getScope() {
			return this.scope;
		}

		public void setScope(@Nullable PacingScope scope) {
			this.scope = scope;
		}

		public @Nullable Integer getLimit() {
			return this.limit;
		}

		public void setLimit(@Nullable Integer limit) {
			this.limit = limit;
		}

		public @Nullable Duration getPeriod() {
			return this.period;
		}

		public void setPeriod(@Nullable Duration period) {
			this.period = period;
		}

		PacingRule over(PacingRule base) {
			return new PacingRule(base.name(), base.provider(), (this.method != null) ? this.method : base.method(), (this.path != null) ? this.path : base.path(),
					(this.scope != null) ? this.scope : base.scope(), (this.limit != null) ? this.limit : base.limit(),
					(this.period != null) ? this.period : base.period());
		}

	}

}
