package io.exatlas.compute;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

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
		return this.port + "/" + this.protocol.name().toLowerCase(Locale.ROOT);
	}

	/**
	 * Several specs in the compact {@code "8000/http,22/tcp"} form providers without a port model store in a tag,
	 * label or metadata entry so a later read knows each port's protocol.
	 * @param ports the specs
	 * @return the compact form (empty for no ports)
	 */
	public static String join(List<PortSpec> ports) {
		return String.join(",", ports.stream().map(PortSpec::toString).toList());
	}

	/**
	 * Read the compact form written by {@link #join(List)}, skipping entries that are not valid ports (the text comes
	 * back from a provider and may have been edited by hand).
	 * @param text the compact form, or {@code null}
	 * @return the specs
	 */
	public static List<PortSpec> parseAll(@Nullable String text) {
		List<PortSpec> ports = new ArrayList<>();
		if (text == null || text.isBlank()) {
			return ports;
		}
		for (String entry : text.split(",")) {
			String[] parts = entry.trim().split("/", 2);
			try {
				int port = Integer.parseInt(parts[0].trim());
				String type = (parts.length > 1) ? parts[1].trim().toLowerCase(Locale.ROOT) : "tcp";
				if (port >= 1 && port <= 65535) {
					ports.add(new PortSpec(port, type.startsWith("http") ? PortProtocol.HTTP : PortProtocol.TCP));
				}
			}
			catch (NumberFormatException ex) {
				// not a port; skipped
			}
		}
		return ports;
	}

}
