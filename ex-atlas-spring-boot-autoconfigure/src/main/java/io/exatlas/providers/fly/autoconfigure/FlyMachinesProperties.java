package io.exatlas.providers.fly.autoconfigure;

import java.time.Duration;

import io.exatlas.internal.PropertyRules;
import io.exatlas.providers.http.autoconfigure.HttpProviderProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;

/**
 * Settings of the Fly.io Machines provider (id "fly"), which runs CPU machines (Fly withdrew GPU machines after
 * 2026-08-01). The token is the api-key property, else the FLY_API_TOKEN environment variable, else the Fly token
 * chain (exatlas.fly.tokens) for the configured app.
 */
@ConfigurationProperties("exatlas.providers.fly")
public class FlyMachinesProperties extends HttpProviderProperties {

	/**
	 * Base URL of Fly's Machines API.
	 */
	private String baseUrl = "https://api.machines.dev/v1";

	/**
	 * The Fly app machines are created in and listed from (a request can name another with the 'app' provider
	 * option).
	 */
	private @Nullable String app;

	/**
	 * CPU kind of a machine whose request sets none: shared or performance.
	 */
	private String cpuKind = "shared";

	/**
	 * CPUs of a machine whose request sets none.
	 */
	private int cpus = 1;

	/**
	 * Memory in MB (a multiple of 256) of a machine whose request sets none.
	 */
	private int memoryMb = 256;

	/**
	 * Where a volume (ComputeRequest.networkVolumeId) is mounted.
	 */
	private String volumeMountPath = "/data";

	/**
	 * How long a spawn waits for the machine to start; unset to return as soon as Fly accepted the create.
	 */
	private @Nullable Duration waitForStarted;

	public String getBaseUrl() {
		return this.baseUrl;
	}

	public void setBaseUrl(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	public @Nullable String getApp() {
		return this.app;
	}

	public void setApp(@Nullable String app) {
		this.app = app;
	}

	public String getCpuKind() {
		return this.cpuKind;
	}

	public void setCpuKind(String cpuKind) {
		this.cpuKind = cpuKind;
	}

	public int getCpus() {
		return this.cpus;
	}

	public void setCpus(int cpus) {
		this.cpus = cpus;
	}

	public int getMemoryMb() {
		return this.memoryMb;
	}

	public void setMemoryMb(int memoryMb) {
		this.memoryMb = memoryMb;
	}

	public String getVolumeMountPath() {
		return this.volumeMountPath;
	}

	public void setVolumeMountPath(String volumeMountPath) {
		this.volumeMountPath = volumeMountPath;
	}

	public @Nullable Duration getWaitForStarted() {
		return this.waitForStarted;
	}

	public void setWaitForStarted(@Nullable Duration waitForStarted) {
		this.waitForStarted = waitForStarted;
	}

	@Override
	public void validate(Object target, Errors errors) {
		super.validate(target, errors);
		PropertyRules.atLeast(errors, "cpus", this.cpus, 1);
		if (this.memoryMb < 256 || this.memoryMb % 256 != 0) {
			errors.rejectValue("memoryMb", "exatlas.memoryMb", "must be a multiple of 256 (was " + this.memoryMb + ")");
		}
		PropertyRules.positive(errors, "waitForStarted", this.waitForStarted);
	}

}
