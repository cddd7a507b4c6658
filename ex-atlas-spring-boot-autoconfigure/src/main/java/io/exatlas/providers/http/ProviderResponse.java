package io.exatlas.providers.http;

import org.springframework.http.HttpHeaders;
import tools.jackson.databind.JsonNode;

/**
 * A successful provider response.
 *
 * @param status the HTTP status
 * @param headers the response headers
 * @param body the parsed JSON body ({@code MissingNode} when the body was empty)
 */
public record ProviderResponse(int status, HttpHeaders headers, JsonNode body) {
}
