package io.exatlas.compute;

/**
 * How a port is exposed.
 */
public enum PortProtocol {

	/** HTTP, usually behind the provider's TLS-terminating proxy. */
	HTTP,

	/** Raw TCP on a public IP and a mapped port. */
	TCP

}
