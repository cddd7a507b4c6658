package io.exatlas.fly.tokens.actuate;

import java.util.LinkedHashMap;
import java.util.Map;

import io.exatlas.ExAtlasException;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

/**
 * The HTTP face of {@link FlyTokensEndpoint}, in the manner of Boot's {@code CachesEndpointWebExtension}: invalidating
 * an app this instance has never seen answers 404, and a refresh the token chain cannot serve (no CLI, no stored or
 * manual token, a timeout) answers 503 with the error kind instead of a 500. An invalid app name is a 400 (from the
 * endpoint).
 */
@EndpointWebExtension(endpoint = FlyTokensEndpoint.class)
public class FlyTokensEndpointWebExtension {

	private static final int STATUS_SERVICE_UNAVAILABLE = 503;

	private final FlyTokensEndpoint delegate;

	/**
	 * Create the extension.
	 * @param delegate the endpoint
	 */
	public FlyTokensEndpointWebExtension(FlyTokensEndpoint delegate) {
		this.delegate = delegate;
	}

	/**
	 * Drop the app's token and acquire a new one.
	 * @param app the Fly app
	 * @return 200 with the app's statistics, or 503 with {@code error} (the kind) and {@code message}
	 */
	@WriteOperation
	public WebEndpointResponse<@Nullable Object> refresh(@Selector String app) {
		try {
			return new WebEndpointResponse<>(this.delegate.refresh(app));
		}
		catch (ExAtlasException ex) {
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("error", ex.kind().tagValue());
			body.put("message", ex.getMessage());
			return new WebEndpointResponse<>(body, STATUS_SERVICE_UNAVAILABLE);
		}
	}

	/**
	 * Drop the app's cached and stored token.
	 * @param app the Fly app
	 * @return 204, or 404 for an app this instance has never seen
	 */
	@DeleteOperation
	public WebEndpointResponse<Void> invalidate(@Selector String app) {
		return new WebEndpointResponse<>(this.delegate.invalidate(app) ? WebEndpointResponse.STATUS_NO_CONTENT
				: WebEndpointResponse.STATUS_NOT_FOUND);
	}

}
