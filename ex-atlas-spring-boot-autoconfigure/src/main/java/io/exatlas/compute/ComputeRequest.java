package io.exatlas.compute;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.exatlas.ExAtlasException;
import org.jspecify.annotations.Nullable;

/**
 * What to spawn, in provider-neutral terms. Build one with {@link #builder()}; invalid input fails at construction
 * with an {@link ExAtlasException} of kind {@code VALIDATION}, so nothing is ever sent to a cloud.
 *
 * @param gpu canonical GPU id from the {@link GpuCatalog} (e.g. {@code h100}), or {@code null} for a CPU-only
 * resource
 * @param gpuCount number of GPUs, at least 1
 * @param image container image, or {@code null} when a template supplies it
 * @param cloudType where the provider may place it
 * @param spot whether an interruptible (spot / bid) instance is wanted
 * @param regionHints preferred regions / data centres, in order
 * @param ports ports to expose
 * @param env environment variables for the container
 * @param volumeGb persistent volume size in GB
 * @param containerDiskGb container disk size in GB
 * @param networkVolumeId network volume to attach
 * @param name resource name; when absent the facade generates one with the configured name prefix
 * @param templateId provider template to start from
 * @param auth credential to generate for the resource's HTTP ports
 * @param idleTtl how long the orchestrator lets the resource idle before terminating it
 * @param providerOptions provider-specific options, applied only where the provider's API accepts them
 */
public record ComputeRequest(@Nullable String gpu, int gpuCount, @Nullable String image, CloudType cloudType,
		boolean spot, List<String> regionHints, List<PortSpec> ports, Map<String, String> env,
		@Nullable Integer volumeGb, @Nullable Integer containerDiskGb, @Nullable String networkVolumeId,
		@Nullable String name, @Nullable String templateId, AuthMode auth, @Nullable Duration idleTtl,
		Map<String, Object> providerOptions) {

	/**
	 * Validates and normalizes the request.
	 * @param gpu canonical GPU id
	 * @param gpuCount number of GPUs
	 * @param image container image
	 * @param cloudType cloud type
	 * @param spot interruptible
	 * @param regionHints region hints
	 * @param ports ports
	 * @param env environment
	 * @param volumeGb volume size
	 * @param containerDiskGb container disk size
	 * @param networkVolumeId network volume
	 * @param name name
	 * @param templateId template
	 * @param auth auth mode
	 * @param idleTtl idle TTL
	 * @param providerOptions provider options
	 */
	public ComputeRequest {
		gpu = (gpu != null) ? Checks.required(gpu, "gpu").trim().toLowerCase(Locale.ROOT) : null;
		if (gpuCount < 1) {
			throw ExAtlasException.validation("gpuCount must be at least 1, was " + gpuCount);
		}
		Checks.notBlankIfPresent(image, "image");
		cloudType = (cloudType != null) ? cloudType : CloudType.ANY;
		regionHints = Checks.strings(regionHints, "regionHints");
		ports = Checks.list(ports);
		Set<Integer> seen = new HashSet<>();
		for (PortSpec port : ports) {
			Objects.requireNonNull(port, "ports must not contain null");
			if (!seen.add(port.port())) {
				throw ExAtlasException.validation("port " + port.port() + " is listed twice");
			}
		}
		env = Checks.environment(env);
		Checks.notNegative(volumeGb, "volumeGb");
		Checks.notNegative(containerDiskGb, "containerDiskGb");
		Checks.notBlankIfPresent(networkVolumeId, "networkVolumeId");
		Checks.notBlankIfPresent(name, "name");
		Checks.notBlankIfPresent(templateId, "templateId");
		auth = (auth != null) ? auth : AuthMode.NONE;
		Checks.positive(idleTtl, "idleTtl");
		providerOptions = Checks.options(providerOptions, "providerOptions");
	}

	/**
	 * Start a request.
	 * @return a builder with the defaults (1 GPU, cloud type ANY, no auth)
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * A builder pre-filled with this request, to derive a modified copy.
	 * @return the builder
	 */
	public Builder toBuilder() {
		return new Builder(this);
	}

	/**
	 * Describes the request without environment values or provider option values, which may hold secrets.
	 * @return the description
	 */
	@Override
	public String toString() {
		return "ComputeRequest[gpu=" + this.gpu + ", gpuCount=" + this.gpuCount + ", image=" + this.image
				+ ", cloudType=" + this.cloudType + ", spot=" + this.spot + ", regionHints=" + this.regionHints
				+ ", ports=" + this.ports + ", env=" + this.env.keySet() + ", volumeGb=" + this.volumeGb
				+ ", containerDiskGb=" + this.containerDiskGb + ", networkVolumeId=" + this.networkVolumeId
				+ ", name=" + this.name + ", templateId=" + this.templateId + ", auth=" + this.auth + ", idleTtl="
				+ this.idleTtl + ", providerOptions=" + this.providerOptions.keySet() + "]";
	}

	/**
	 * Builds a {@link ComputeRequest}; {@link #build()} validates.
	 */
	public static final class Builder {

		private @Nullable String gpu;

		private int gpuCount = 1;

		private @Nullable String image;

		private CloudType cloudType = CloudType.ANY;

		private boolean spot;

		private final List<String> regionHints = new ArrayList<>();

		private final List<PortSpec> ports = new ArrayList<>();

		private final Map<String, String> env = new LinkedHashMap<>();

		private @Nullable Integer volumeGb;

		private @Nullable Integer containerDiskGb;

		private @Nullable String networkVolumeId;

		private @Nullable String name;

		private @Nullable String templateId;

		private AuthMode auth = AuthMode.NONE;

		private @Nullable Duration idleTtl;

		private final Map<String, Object> providerOptions = new LinkedHashMap<>();

		private Builder() {
		}

		private Builder(ComputeRequest request) {
			this.gpu = request.gpu;
			this.gpuCount = request.gpuCount;
			this.image = request.image;
			this.cloudType = request.cloudType;
			this.spot = request.spot;
			this.regionHints.addAll(request.regionHints);
			this.ports.addAll(request.ports);
			this.env.putAll(request.env);
			this.volumeGb = request.volumeGb;
			this.containerDiskGb = request.containerDiskGb;
			this.networkVolumeId = request.networkVolumeId;
			this.name = request.name;
			this.templateId = request.templateId;
			this.auth = request.auth;
			this.idleTtl = request.idleTtl;
			this.providerOptions.putAll(request.providerOptions);
		}

		/**
		 * Set the canonical GPU id ({@code null} for CPU only).
		 * @param gpu the GPU id
		 * @return this builder
		 */
		public Builder gpu(@Nullable String gpu) {
			this.gpu = gpu;
			return this;
		}

		/**
		 * Set the number of GPUs.
		 * @param gpuCount the count
		 * @return this builder
		 */
		public Builder gpuCount(int gpuCount) {
			this.gpuCount = gpuCount;
			return this;
		}

		/**
		 * Set the container image.
		 * @param image the image
		 * @return this builder
		 */
		public Builder image(@Nullable String image) {
			this.image = image;
			return this;
		}

		/**
		 * Set the cloud type.
		 * @param cloudType the cloud type
		 * @return this builder
		 */
		public Builder cloudType(CloudType cloudType) {
			this.cloudType = cloudType;
			return this;
		}

		/**
		 * Ask for an interruptible instance.
		 * @param spot whether to use spot capacity
		 * @return this builder
		 */
		public Builder spot(boolean spot) {
			this.spot = spot;
			return this;
		}

		/**
		 * Add preferred regions, in order.
		 * @param regions the regions
		 * @return this builder
		 */
		public Builder regionHints(String... regions) {
			this.regionHints.addAll(List.of(regions));
			return this;
		}

		/**
		 * Forget the preferred regions added so far (placement sets the region of the offer it tries).
		 * @return this builder
		 */
		public Builder clearRegionHints() {
			this.regionHints.clear();
			return this;
		}

		/**
		 * Expose a port.
		 * @param port the port
		 * @return this builder
		 */
		public Builder port(PortSpec port) {
			this.ports.add(port);
			return this;
		}

		/**
		 * Expose an HTTP port.
		 * @param port the container port
		 * @return this builder
		 */
		public Builder httpPort(int port) {
			return port(PortSpec.http(port));
		}

		/**
		 * Expose a raw TCP port.
		 * @param port the container port
		 * @return this builder
		 */
		public Builder tcpPort(int port) {
			return port(PortSpec.tcp(port));
		}

		/**
		 * Set one environment variable.
		 * @param name the variable name
		 * @param value the value
		 * @return this builder
		 */
		public Builder env(String name, String value) {
			this.env.put(name, value);
			return this;
		}

		/**
		 * Set several environment variables.
		 * @param env the variables
		 * @return this builder
		 */
		public Builder env(Map<String, String> env) {
			this.env.putAll(env);
			return this;
		}

		/**
		 * Set the persistent volume size.
		 * @param volumeGb size in GB
		 * @return this builder
		 */
		public Builder volumeGb(@Nullable Integer volumeGb) {
			this.volumeGb = volumeGb;
			return this;
		}

		/**
		 * Set the container disk size.
		 * @param containerDiskGb size in GB
		 * @return this builder
		 */
		public Builder containerDiskGb(@Nullable Integer containerDiskGb) {
			this.containerDiskGb = containerDiskGb;
			return this;
		}

		/**
		 * Attach a network volume.
		 * @param networkVolumeId the volume id
		 * @return this builder
		 */
		public Builder networkVolumeId(@Nullable String networkVolumeId) {
			this.networkVolumeId = networkVolumeId;
			return this;
		}

		/**
		 * Set the resource name.
		 * @param name the name
		 * @return this builder
		 */
		public Builder name(@Nullable String name) {
			this.name = name;
			return this;
		}

		/**
		 * Start from a provider template.
		 * @param templateId the template id
		 * @return this builder
		 */
		public Builder templateId(@Nullable String templateId) {
			this.templateId = templateId;
			return this;
		}

		/**
		 * Generate a credential for the resource's HTTP ports.
		 * @param auth the auth mode
		 * @return this builder
		 */
		public Builder auth(AuthMode auth) {
			this.auth = auth;
			return this;
		}

		/**
		 * Set the idle TTL the orchestrator enforces.
		 * @param idleTtl the TTL
		 * @return this builder
		 */
		public Builder idleTtl(@Nullable Duration idleTtl) {
			this.idleTtl = idleTtl;
			return this;
		}

		/**
		 * Set one provider-specific option.
		 * @param key the option name as the provider's API spells it
		 * @param value the value
		 * @return this builder
		 */
		public Builder providerOption(String key, Object value) {
			this.providerOptions.put(key, value);
			return this;
		}

		/**
		 * Set several provider-specific options.
		 * @param options the options
		 * @return this builder
		 */
		public Builder providerOptions(Map<String, ?> options) {
			this.providerOptions.putAll(options);
			return this;
		}

		/**
		 * Validate and build the request.
		 * @return the request
		 * @throws ExAtlasException of kind {@code VALIDATION} when the input is invalid
		 */
		public ComputeRequest build() {
			return new ComputeRequest(this.gpu, this.gpuCount, this.image, this.cloudType, this.spot,
					this.regionHints, this.ports, this.env, this.volumeGb, this.containerDiskGb,
					this.networkVolumeId, this.name, this.templateId, this.auth, this.idleTtl,
					this.providerOptions);
		}

	}

}
