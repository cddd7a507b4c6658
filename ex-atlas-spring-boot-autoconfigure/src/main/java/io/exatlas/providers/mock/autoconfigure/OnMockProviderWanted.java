package io.exatlas.providers.mock.autoconfigure;

import java.util.List;
import java.util.stream.Collectors;

import io.exatlas.providers.BuiltinProvider;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.PropertyResolver;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Whether the mock provider is registered: as {@code exatlas.providers.mock.enabled} says when it is set; otherwise
 * only when it is the default provider or no cloud provider is configured (enabled, with a credential in its
 * {@code api-key} property or environment variable, or for Fly an app for the token chain). A production app with a
 * cloud key therefore never gets a provider that fakes spawns.
 */
class OnMockProviderWanted extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		PropertyResolver environment = context.getEnvironment();
		String enabled = environment.getProperty(BuiltinProvider.MOCK.enabledProperty());
		if (StringUtils.hasText(enabled)) {
			return Boolean.parseBoolean(enabled.strip())
					? ConditionOutcome.match(BuiltinProvider.MOCK.enabledProperty() + " is true")
					: ConditionOutcome.noMatch(BuiltinProvider.MOCK.enabledProperty() + " is false");
		}
		if (BuiltinProvider.MOCK.id().equals(environment.getProperty("exatlas.default-provider"))) {
			return ConditionOutcome.match("exatlas.default-provider is mock");
		}
		List<BuiltinProvider> configured = BuiltinProvider.clouds().stream()
			.filter((cloud) -> isConfigured(cloud, environment))
			.toList();
		if (configured.isEmpty()) {
			return ConditionOutcome.match("no cloud provider is configured");
		}
		return ConditionOutcome.noMatch("cloud providers are configured: "
				+ configured.stream().map(BuiltinProvider::toString).collect(Collectors.joining(", "))
				+ "; set exatlas.providers.mock.enabled=true to register the mock as well");
	}

	private static boolean isConfigured(BuiltinProvider cloud, PropertyResolver environment) {
		if (!environment.getProperty(cloud.enabledProperty(), Boolean.class, true)) {
			return false;
		}
		boolean credential = hasText(environment, cloud.credentialProperty().orElseThrow())
				|| hasText(environment, cloud.credentialVariable().orElseThrow());
		return credential || (cloud == BuiltinProvider.FLY && hasText(environment, "exatlas.providers.fly.app"));
	}

	private static boolean hasText(PropertyResolver environment, String name) {
		return StringUtils.hasText(environment.getProperty(name));
	}

}
