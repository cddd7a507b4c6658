package io.exatlas.compute;

/**
 * Where a provider with several tiers of hosts (RunPod: secure data centres and community hosts) may place a resource.
 */
public enum CloudType {

	/** Let the provider choose. */
	ANY,

	/** Vetted data centres only. */
	SECURE,

	/** Community / marketplace hosts. */
	COMMUNITY

}
