package io.exatlas.compute;

/**
 * The portable lifecycle status of a compute resource. The provider's own status is kept in {@link Compute#raw()}.
 */
public enum ComputeStatus {


	/** Being created, booting, pulling its image or otherwise not usable yet. */
	PROVISIONING,

	/** Up and usable. */
	RUNNING,

	/** Paused; its disk is kept and it can be started again. */
	STOPPED,

	/** Destroyed, or being destroyed. */
	TERMINATED,

	/** Broken; it will not become usable without intervention. */
	FAILED;

	/**
	 * Whether the resource no longer bills and cannot come back.
	 * @return whether the status is {@link #TERMINATED}
	 */
	public boolean isTerminal() {
		return this == TERMINATED;
	}

}
