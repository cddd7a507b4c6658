package io.exatlas.providers.runpod;

import java.util.Locale;

/**
 * A lifecycle action of {@code POST /v2/pods/{id}/action}.
 */
public enum RunPodPodAction {

	/** Start (resume) a stopped pod. */
	START,

	/** Stop a running pod, keeping its disk. */
	STOP,

	/** Restart the pod's container. */
	RESTART,

	/** Terminate the pod. */
	TERMINATE;

	/**
	 * The action as the wire spells it.
	 * @return the lower-case action
	 */
	public String wireValue() {
		return name().toLowerCase(Locale.ROOT);
	}

}
