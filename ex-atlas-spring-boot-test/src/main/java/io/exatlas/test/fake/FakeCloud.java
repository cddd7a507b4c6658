package io.exatlas.test.fake;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import io.exatlas.internal.WireJson;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import tools.jackson.databind.JsonNode;

/**
 * The plumbing every stateful fake cloud shares: a real local HTTP server, a log of every exchange (method, path,
 * parsed body, authorization header), one-shot faults matched by method and path, and JSON response helpers.
 * Subclasses implement the cloud's routes in {@link #route}; {@link #reset()} clears the shared state and calls
 * {@link #clearState()}.
 */
public abstract class FakeCloud extends Dispatcher implements AutoCloseable {

	/** The underlying server. */
	protected final MockWebServer server = new MockWebServer();

	private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();

	private final List<Fault> faults = new CopyOnWriteArrayList<>();

	/**
	 * Start the server.
	 */
	protected FakeCloud() {
		this.server.setDispatcher(this);
		try {
			this.server.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The server's URL for a path.
	 * @param path the path, e.g. {@code /v2}
	 * @return the URL text
	 */
	public String url(String path) {
		return this.server.url(path).toString();
	}

	/**
	 * Answer the next request matching method and path (a regex over the path without query) with the response.
	 * @param method the HTTP method
	 * @param pathRegex the path pattern
	 * @param response the canned response
	 */
	public void failNext(String method, String pathRegex, MockResponse response) {
		this.faults.add(new Fault(method, Pattern.compile(pathRegex), response, false));
	}

	/**
	 * Let the next matching request really happen, then answer with the response instead of the real one (a cloud
	 * that creates a resource and still reports a failure).
	 * @param method the HTTP method
	 * @param pathRegex the path pattern
	 * @param response the response sent after the real handling
	 */
	public void handleThenFail(String method, String pathRegex, MockResponse response) {
		this.faults.add(new Fault(method, Pattern.compile(pathRegex), response, true));
	}

	/**
	 * Every exchange so far.
	 * @return the exchanges in arrival order
	 */
	public List<Exchange> exchanges() {
		return List.copyOf(this.exchanges);
	}

	/**
	 * The exchanges with a method whose path starts with a prefix.
	 * @param method the method
	 * @param pathPrefix the path prefix
	 * @return the exchanges
	 */
	public List<Exchange> exchanges(String method, String pathPrefix) {
		return this.exchanges.stream()
			.filter((exchange) -> exchange.method().equals(method) && exchange.path().startsWith(pathPrefix))
			.toList();
	}

	/**
	 * Forget exchanges, faults and the cloud's state.
	 */
	public void reset() {
		this.exchanges.clear();
		this.faults.clear();
		clearState();
	}

	/**
	 * Forget the cloud's own state (resources, counters).
	 */
	protected abstract void clearState();

	/**
	 * Whether a request carries valid credentials.
	 * @param request the request
	 * @return whether it is authorized
	 */
	protected abstract boolean authorized(RecordedRequest request);

	/**
	 * The response for an unauthorized request.
	 * @param request the request
	 * @return the response
	 */
	protected abstract MockResponse unauthorized(RecordedRequest request);

	/**
	 * Handle an authorized request.
	 * @param method the method
	 * @param path the path without query
	 * @param request the recorded request (query, headers)
	 * @param body the parsed JSON body (an empty object when there was none)
	 * @return the response
	 */
	protected abstract MockResponse route(String method, String path, RecordedRequest request, JsonNode body);

	@Override
	public void close() {
		this.server.close();
	}

	@Override
	public final synchronized MockResponse dispatch(RecordedRequest request) {
		String target = request.getTarget();
		String path = target.split("\\?", 2)[0];
		JsonNode body = (request.getBodySize() > 0) ? WireJson.mapper().readTree(request.getBody().utf8())
				: WireJson.object();
		this.exchanges.add(new Exchange(request.getMethod(), target, body, request.getHeaders().get("Authorization")));
		for (Fault fault : this.faults) {
			if (fault.matches(request.getMethod(), path)) {
				this.faults.remove(fault);
				if (fault.handleFirst()) {
					route(request.getMethod(), path, request, body);
				}
				return fault.response();
			}
		}
		if (!authorized(request)) {
			return unauthorized(request);
		}
		return route(request.getMethod(), path, request, body);
	}

	/**
	 * A JSON response.
	 * @param status the status
	 * @param body the body
	 * @return the response
	 */
	public static MockResponse json(int status, JsonNode body) {
		return new MockResponse.Builder().code(status)
			.addHeader("Content-Type", "application/json")
			.body(body.toString())
			.build();
	}

	/**
	 * A plain-text response.
	 * @param status the status
	 * @param text the body
	 * @return the response
	 */
	public static MockResponse text(int status, String text) {
		return new MockResponse.Builder().code(status).addHeader("Content-Type", "text/plain").body(text).build();
	}

	/**
	 * A random lower-case alphanumeric id.
	 * @param length the length
	 * @return the id
	 */
	public static String randomId(int length) {
		String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
		StringBuilder id = new StringBuilder();
		for (int i = 0; i < length; i++) {
			id.append(alphabet.charAt(ThreadLocalRandom.current().nextInt(alphabet.length())));
		}
		return id.toString();
	}

	/**
	 * One request the fake received.
	 *
	 * @param method the method
	 * @param path the request target (path and query)
	 * @param body the parsed body
	 * @param authorization the Authorization header
	 */
	public record Exchange(String method, String path, JsonNode body, String authorization) {
	}

	private record Fault(String method, Pattern path, MockResponse response, boolean handleFirst) {

		boolean matches(String requestMethod, String requestPath) {
			return this.method.equals(requestMethod) && this.path.matcher(requestPath).matches();
		}

	}

}
