package io.exatlas.providers.http;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.exatlas.Secret;
import io.exatlas.internal.Redaction;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.util.UriBuilderFactory;
import org.springframework.web.util.UriTemplate;

/**
 * One request ready to send: its URI template with the query (the credential's parameters included) as named
 * variables, so WebClient encodes every value; the headers; the URL with the credential redacted, for events and
 * messages; and the path template and path that pacing counts.
 *
 * @param method the method
 * @param template the URI template, query included
 * @param variables the template's values
 * @param authHeaders the credential's headers
 * @param headers the request's own headers
 * @param body the JSON body
 * @param redactedUrl the URL with the sensitive query parameters redacted
 * @param pathTemplate the path template as the client wrote it
 * @param path the expanded path
 */
record PreparedRequest(HttpMethod method, String template, Map<String, Object> variables, HttpHeaders authHeaders,
		HttpHeaders headers, @Nullable JsonNode body, String redactedUrl, String pathTemplate, String path) {

	static PreparedRequest of(HttpMethod method, String pathTemplate, Map<String, Object> pathVariables,
			List<Map.Entry<String, Object>> query, HttpHeaders headers, @Nullable JsonNode body, Secret credential,
			RequestAuthentication authentication, UriBuilderFactory uriFactory) {
		HttpHeaders authHeaders = new HttpHeaders();
		Map<String, Object> authQuery = new LinkedHashMap<>();
		authentication.apply(credential, authHeaders, authQuery);
		List<Map.Entry<String, Object>> allQuery = new ArrayList<>(query);
		authQuery.forEach((name, value) -> allQuery.add(Map.entry(name, value)));
		Map<String, Object> variables = new LinkedHashMap<>(pathVariables);
		StringBuilder template = new StringBuilder(pathTemplate);
		for (int i = 0; i < allQuery.size(); i++) {
			String placeholder = "exatlasQuery" + i;
			template.append((i == 0) ? '?' : '&').append(allQuery.get(i).getKey()).append("={").append(placeholder)
				.append('}');
			variables.put(placeholder, allQuery.get(i).getValue());
		}
		URI uri = uriFactory.expand(template.toString(), variables);
		String redactedUrl = Redaction.redactQuery(uri, authentication.sensitiveQueryParameters());
		return new PreparedRequest(method, template.toString(), variables, authHeaders, headers, body, redactedUrl,
				pathTemplate, uri.getRawPath());
	}

	/**
	 * A path template's variables by name, from values given in order.
	 * @param template the template
	 * @param values the values
	 * @return the variables
	 * @throws IllegalArgumentException when the counts differ
	 */
	static Map<String, Object> namedVariables(String template, Object... values) {
		List<String> names = new UriTemplate(template).getVariableNames();
		if (names.size() != values.length) {
			throw new IllegalArgumentException("URI template " + template + " has " + names.size()
					+ " variables but " + values.length + " values were given");
		}
		Map<String, Object> variables = new LinkedHashMap<>();
		for (int i = 0; i < values.length; i++) {
			variables.put(names.get(i), Objects.requireNonNull(values[i], names.get(i)));
		}
		return variables;
	}

}
