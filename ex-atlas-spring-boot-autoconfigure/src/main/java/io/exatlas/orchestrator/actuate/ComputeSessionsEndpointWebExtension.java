package io.exatlas.orchestrator.actuate;

import io.exatlas.orchestrator.actuate.ComputeSessionsEndpoint.SessionDescriptor;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

/**
 * The HTTP face of {@link ComputeSessionsEndpoint}, in the manner of Boot's {@code CachesEndpointWebExtension}: a
 * write or delete on a session that is not tracked answers 404 (a read already does), an unknown action 400.
 */
@EndpointWebExtension(endpoint = ComputeSessionsEndpoint.class)
public class ComputeSessionsEndpointWebExtension {

	private final ComputeSessionsEndpoint delegate;

	/**
	 * Create the extension.
	 * @param delegate the endpoint
	 */
	public ComputeSessionsEndpointWebExtension(ComputeSessionsEndpoint delegate) {
		this.delegate = delegate;
	}

	/**
	 * Touch or stop a session.
	 * @param id the session id
	 * @param action {@code touch} or {@code stop}
	 * @return 200 with the session, 404 when it is not tracked, 400 for another action
	 */
	@WriteOperation
	public WebEndpointResponse<@Nullable SessionDescriptor> action(@Selector String id, String action) {
		SessionDescriptor session = this.delegate.action(id, action);
		return (session != null) ? new WebEndpointResponse<>(session)
				: new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
	}

	/**
	 * Terminate a session and stop tracking it.
	 * @param id the session id
	 * @return 204, or 404 when it is not tracked
	 */
	@DeleteOperation
	public WebEndpointResponse<Void> terminate(@Selector String id) {
		return new WebEndpointResponse<>(this.delegate.terminate(id) ? WebEndpointResponse.STATUS_NO_CONTENT
				: WebEndpointResponse.STATUS_NOT_FOUND);
	}

}
