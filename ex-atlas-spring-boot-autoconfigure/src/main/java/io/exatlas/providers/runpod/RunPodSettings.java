package io.exatlas.providers.runpod;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the RunPod provider beyond its HTTP clients.
 *
 * @param volumeMountPath where a persistent volume is mounted (RunPod's default {@code /workspace})
 * @param networkVolumeMountPath where a network volume is mounted (RunPod's serverless default
 * {@code /runpod-volume})
 * @param jobPollInterval first wait between job status and stream polls (doubles while nothing changes)
 * @param jobMaxPollInterval longest wait between polls
 */
public record RunPodSettings(String volumeMountPath, String networkVolumeMountPath, Duration jobPollInterval,
		Duration jobMaxPollInterval) {

	/**
	 * Validate the settings.
	 * @param volumeMountPath the persistent volume's mount path
	 * @param networkVolumeMountPath the network volume's mount path
	 * @param jobPollInterval the first poll interval
	 * @param jobMaxPollInterval the longest poll interval
	 */
	public RunPodSettings {
		Objects.requireNonNull(volumeMountPath, "volumeMountPath");
		Objects.requireNonNull(networkVolumeMountPath, "networkVolumeMountPath");
		if (jobPollInterval.isNegative() || jobPollInterval.isZero()) {
			throw new IllegalArgumentException("jobPollInterval must be positive");
		}
		if (jobMaxPollInterval.compareTo(jobPollInterval) < 0) {
			throw new IllegalArgumentException("jobMaxPollInterval must be at least jobPollInterval");
		}
	}

	/**
	 * RunPod's own defaults: {@code /workspace}, {@code /runpod-volume}, polls from 500 ms to 5 s.
	 * @return the defaults
	 */
	public static RunPodSettings defaults() {
		return new RunPodSettings("/workspace", "/runpod-volume", Duration.ofMillis(500), Duration.ofSeconds(5));
	}

}
