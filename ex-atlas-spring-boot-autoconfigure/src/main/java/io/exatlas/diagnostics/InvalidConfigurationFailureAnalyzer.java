package io.exatlas.diagnostics;

import io.exatlas.InvalidConfigurationException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports an {@link InvalidConfigurationException} the way Spring Boot reports its own misconfigurations: an
 * "APPLICATION FAILED TO START" block with a description that names the property and an action that says what to
 * set, instead of a stack trace of bean creation failures.
 */
public class InvalidConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<InvalidConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidConfigurationException cause) {
		return new FailureAnalysis("Invalid ExAtlas configuration: property '" + cause.property() + "': "
				+ cause.reason(), cause.action(), cause);
	}

}
