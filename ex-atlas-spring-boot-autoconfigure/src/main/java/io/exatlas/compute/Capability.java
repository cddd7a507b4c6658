package io.exatlas.compute;

/**
 * A feature a provider may offer beyond the basic compute lifecycle.
 */
public enum Capability {

	/** Interruptible (spot / bid) instances at a lower price. */
	SPOT,

	/** Serverless jobs: {@code runJob}, {@code getJob}, {@code cancelJob}, {@code streamJob}. */
	SERVERLESS,

	/** Network volumes that outlive a compute resource. */
	NETWORK_VOLUMES,

	/** The provider terminates TLS for HTTP ports on a public proxy host. */
	HTTP_PROXY,

	/** A public IP address with mapped TCP ports. */
	RAW_TCP,

	/** Mapped ports keep their internal number (internal == external). */
	SYMMETRIC_PORTS,

	/** Job completion webhooks. */
	WEBHOOKS,

	/** Private networking across regions. */
	GLOBAL_NETWORKING

}
