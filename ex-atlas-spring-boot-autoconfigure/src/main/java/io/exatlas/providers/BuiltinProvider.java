package io.exatlas.providers;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The providers this starter ships, with where each one's credential comes from (the reference's
 * {@code builtin_providers} and {@code env_var}): the {@code exatlas.providers.<id>.api-key} property, else the
 * environment variable. The auto-configurations read credentials through this table, and the mock provider's
 * registration asks it whether any cloud is configured.
 */
public enum BuiltinProvider {

	/** RunPod: pods, spot pods and serverless endpoints. */
	RUNPOD("runpod", "RUNPOD_API_KEY"),

	/** Lambda Labs on-demand instances. */
	LAMBDA_LABS("lambda-labs", "LAMBDA_LABS_API_KEY"),

	/** Vast.ai marketplace instances. */
	VAST("vast", "VAST_API_KEY"),

	/** Fly.io Machines (CPU); also takes its token from the Fly token chain when {@code exatlas.providers.fly.app} is set. */
	FLY("fly", "FLY_API_TOKEN"),

	/** The in-memory mock; needs no credential. */
	MOCK("mock", null);

	private final String id;

	private final @Nullable String credentialVariable;

	BuiltinProvider(String id, @Nullable String credentialVariable) {
		this.id = id;
		this.credentialVariable = credentialVariable;
	}

	/**
	 * The provider id, as in {@code exatlas.default-provider} and {@code CallOptions}.
	 * @return the id
	 */
	public String id() {
		return this.id;
	}

	/**
	 * The environment variable the provider's credential is read from when its {@code api-key} property is unset.
	 * @return the variable, empty for the mock
	 */
	public Optional<String> credentialVariable() {
		return Optional.ofNullable(this.credentialVariable);
	}

	/**
	 * The property holding the provider's credential.
	 * @return e.g. {@code exatlas.providers.runpod.api-key}; empty for the mock
	 */
	public Optional<String> credentialProperty() {
		return (this.credentialVariable != null) ? Optional.of(prefix() + ".api-key") : Optional.empty();
	}

	/**
	 * The property that switches the provider off.
	 * @return e.g. {@code exatlas.providers.runpod.enabled}
	 */
	public String enabledProperty() {
		return prefix() + ".enabled";
	}

	/**
	 * Whether this is a real cloud (everything but the mock).
	 * @return whether it needs a credential
	 */
	public boolean isCloud() {
		return this.credentialVariable != null;
	}

	/**
	 * The real clouds.
	 * @return every provider but the mock
	 */
	public static List<BuiltinProvider> clouds() {
		return Arrays.stream(values()).filter(BuiltinProvider::isCloud).toList();
	}

	/**
	 * The provider with an id.
	 * @param id the id
	 * @return the provider, or empty for an id no built-in provider has
	 */
	public static Optional<BuiltinProvider> byId(String id) {
		return Arrays.stream(values()).filter((provider) -> provider.id.equals(id)).findFirst();
	}

	private String prefix() {
		return "exatlas.providers." + this.id;
	}

	/**
	 * A safe description: the id and the variable name, never a credential.
	 * @return e.g. {@code runpod (RUNPOD_API_KEY)}
	 */
	@Override
	public String toString() {
		return (this.credentialVariable != null) ? this.id + " (" + this.credentialVariable + ")" : this.id;
	}

}
