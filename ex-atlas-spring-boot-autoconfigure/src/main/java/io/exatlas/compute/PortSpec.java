package io.exatlas.compute;

import java.util.Objects;

import io.exatlas.ExAtlasException;

/**
 * A port to expose on a new compute resource.
 *
 * @param port the container port, 1 to 65535
 * @param protocol how to expose it
 */
public record PortSpec(int port, PortProtocol protocol) {

	/**
	 * Validates the port.
	 * @param port the container port
	 * @param protocol how to expose it
	 * @throws ExAtlasException of kind {@code VALIDATION} if the port is outside 1..65535
	 */
	public PortSpec {
		Objects.requireNonNull(protocol, "protocol");
		if (port < 1 || port > 65535) {
			throw ExAtlasException.validation("port " + port + " is outside 1..65535");
		}
	}

	/**
	 * An HTTP port.
	 * @param port the container port
	 * @return the spec
	 */
	public static PortSpec http(int port) {
		return new PortSpec(port, PortProtocol.HTTP);
	}

	/**
	 * A raw TCP port.
	 * @param port the container port
	 * @return the spec
	 */
	public static PortSpec tcp(int port) {
		return new PortSpec(port, PortProtocol.TCP);
	}

	/**
	 * The spec in the common {@code "8000/http"} form.
	 * @return the text form
	 */
	@Override
	public String toString() {
		return this.port + "/" + this.protocol.name().toLowerCase(java.util.Locale.ROOT);
	}

}
