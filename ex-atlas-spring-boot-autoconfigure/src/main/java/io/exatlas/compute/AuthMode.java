package io.exatlas.compute;

/**
 * How a spawned resource authenticates the callers of its HTTP ports.
 */
public enum AuthMode {

	/** No credential is generated. */
	NONE,

	/**
	 * A 256-bit preshared token is minted, put into the resource's environment as {@code ATLAS_PRESHARED_KEY} and
	 * returned once in {@link Compute#auth()}; callers send {@code Authorization: Bearer <token>}.
	 */
	BEARER,

	/**
	 * A 256-bit signing secret is generated, put into the resource's environment as {@code ATLAS_SIGNING_SECRET} and
	 * returned once in {@link Compute#auth()}; the application signs URLs with it
	 * (see {@code io.exatlas.auth.SignedUrls}).
	 */
	SIGNED_URL

}
