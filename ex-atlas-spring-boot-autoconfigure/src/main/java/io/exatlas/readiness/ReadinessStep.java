package io.exatlas.readiness;

/**
 * One step of a {@link Readiness} probe.
 */
public sealed interface ReadinessStep
		permits ReadinessStep.Running, ReadinessStep.PortPublished, ReadinessStep.TcpOpen, ReadinessStep.HttpHealthy {

	/**
	 * How the step reads in messages and events, e.g. {@code http 8000 /health}.
	 * @return the description
	 */
	String describe();

	/**
	 * The provider reports the resource {@code RUNNING}.
	 */
	record Running() implements ReadinessStep {

		@Override
		public String describe() {
			return "running";
		}

	}

	/**
	 * The provider reports how to reach the port (a URL, or the public IP and the external port).
	 *
	 * @param port the port inside the resource
	 */
	record PortPublished(int port) implements ReadinessStep {

		@Override
		public String describe() {
			return "port " + this.port + " published";
		}

	}

	/**
	 * A TCP connection to the port succeeds.
	 *
	 * @param port the port inside the resource
	 */
	record TcpOpen(int port) implements ReadinessStep {

		@Override
		public String describe() {
			return "tcp " + this.port;
		}

	}

	/**
	 * A {@code GET} of the path on the port answers the expected status, with the resource's own bearer token when
	 * it has one.
	 *
	 * @param port the port inside the resource
	 * @param path the path, e.g. {@code /health}
	 * @param expectedStatus the status that means healthy
	 */
	record HttpHealthy(int port, String path, int expectedStatus) implements ReadinessStep {

		@Override
		public String describe() {
			return "http " + this.port + " " + this.path;
		}

	}

}
