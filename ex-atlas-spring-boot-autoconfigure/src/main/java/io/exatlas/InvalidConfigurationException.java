package io.exatlas;

import java.util.Objects;

/**
 * A misconfiguration found while the application starts: an {@code exatlas.*} property whose value cannot work, or
 * a property that needs something missing from the class path. Spring Boot turns it into an "APPLICATION FAILED TO
 * START" report that names the property, what is wrong and what to do (see
 * {@code io.exatlas.diagnostics.InvalidConfigurationFailureAnalyzer}).
 * <p>
 * The message never carries a secret: callers describe values, they never quote credentials.
 */
public class InvalidConfigurationException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	private final String property;

	private final String reason;

	private final String action;

	/**
	 * Create the exception.
	 * @param property the property at fault, e.g. {@code exatlas.default-provider}
	 * @param reason what is wrong with it, in one sentence
	 * @param action what to do about it, in one sentence
	 */
	public InvalidConfigurationException(String property, String reason, String action) {
		super(property + ": " + reason);
		this.property = Objects.requireNonNull(property, "property");
		this.reason = Objects.requireNonNull(reason, "reason");
		this.action = Objects.requireNonNull(action, "action");
	}

	/**
	 * The property at fault.
	 * @return its name, e.g. {@code exatlas.orchestrator.registry}
	 */
	public String property() {
		return this.property;
	}

	/**
	 * What is wrong with the property.
	 * @return one sentence
	 */
	public String reason() {
		return this.reason;
	}

	/**
	 * What to do about it.
	 * @return one sentence
	 */
	public String action() {
		return this.action;
	}

}
