package io.exatlas.providers.http;

import java.util.Map;
import java.util.Set;

import io.exatlas.Secret;

import org.springframework.http.HttpHeaders;

/**
 * Puts a credential on an outgoing request. Credentials placed in the query string are declared through
 * {@link #sensitiveQueryParameters()} so that every published URL shows them redacted.
 */
public interface RequestAuthentication {

	/**
	 * Apply the credential.
	 * @param credential the credential
	 * @param headers the request headers, to add to
	 * @param queryParameters the query parameters, to add to
	 */
	void apply(Secret credential, HttpHeaders headers, Map<String, Object> queryParameters);

	/**
	 * Query parameters that carry the credential.
	 * @return the parameter names (empty for header-based schemes)
	 */
	default Set<String> sensitiveQueryParameters() {
		return Set.of();
	}

	/**
	 * {@code Authorization: Bearer <credential>}.
	 * @return the scheme
	 */
	static RequestAuthentication bearer() {
		return (credential, headers, query) -> headers.setBearerAuth(credential.reveal());
	}

	/**
	 * The credential as a query parameter (legacy APIs only: it ends up in URLs, which the library redacts in every
	 * event, log line, exception and observation it produces, but proxies and servers may still log it).
	 * @param name the parameter name, e.g. {@code api_key}
	 * @return the scheme
	 */
	static RequestAuthentication queryParameter(String name) {
		return new RequestAuthentication() {

			@Override
			public void apply(Secret credential, HttpHeaders headers, Map<String, Object> queryParameters) {
				queryParameters.put(name, credential.reveal());
			}

			@Override
			public Set<String> sensitiveQueryParameters() {
				return Set.of(name);
			}

		};
	}

}
