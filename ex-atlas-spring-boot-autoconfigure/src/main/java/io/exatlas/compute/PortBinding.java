package io.exatlas.compute;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A port of a running compute resource and how to reach it.
 *
 * @param internalPort the port inside the container
 * @param externalPort the public port it is mapped to, when known
 * @param protocol how it is exposed
 * @param url a ready-to-use URL ({@code https://…} for HTTP through a proxy, {@code tcp://ip:port} for TCP), when
 * the provider has assigned one yet
 */
public record PortBinding(int internalPort, @Nullable Integer externalPort, PortProtocol protocol, @Nullable String url) {

	/**
	 * Validates the binding.
	 * @param internalPort the port inside the container
	 * @param externalPort the public port
	 * @param protocol how it is exposed
	 * @param url the URL
	 */
	public PortBinding {
		Objects.requireNonNull(protocol, "protocol");
	}

}
