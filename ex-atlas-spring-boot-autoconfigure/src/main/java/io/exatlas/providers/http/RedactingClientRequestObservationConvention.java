package io.exatlas.providers.http;

import java.util.Set;

import io.exatlas.internal.Redaction;
import io.micrometer.common.KeyValue;

import org.springframework.web.reactive.function.client.ClientRequestObservationContext;
import org.springframework.web.reactive.function.client.DefaultClientRequestObservationConvention;

/**
 * The standard {@code http.client.requests} observation convention, except that the high-cardinality
 * {@code http.url} has credential query parameters redacted. Applied only to provider clients that put a credential
 * in the query string.
 */
class RedactingClientRequestObservationConvention extends DefaultClientRequestObservationConvention {

	private final Set<String> sensitiveParameters;

	RedactingClientRequestObservationConvention(Set<String> sensitiveParameters) {
		this.sensitiveParameters = Set.copyOf(sensitiveParameters);
	}

	@Override
	protected KeyValue httpUrl(ClientRequestObservationContext context) {
		KeyValue original = super.httpUrl(context);
		if (context.getRequest() == null) {
			return original;
		}
		return KeyValue.of(original.getKey(),
				Redaction.redactQuery(context.getRequest().url(), this.sensitiveParameters));
	}

}
