package io.exatlas.compute;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * A compute resource (pod, instance, machine) normalized across providers.
 *
 * @param id the provider's id of the resource
 * @param provider the provider id ({@code runpod}, {@code mock}, …)
 * @param status the portable status
 * @param publicIp the public IP address, when it has one yet
 * @param ports the exposed ports with a ready-to-use URL each
 * @param gpuType the provider's native GPU type id, when it has GPUs
 * @param gpuCount the number of GPUs
 * @param costPerHour the current price in USD per hour, when the provider reports it
 * @param region the region or data centre
 * @param image the container image
 * @param name the resource name
 * @param auth the generated credential; its token is present only on the result of a spawn
 * @param createdAt when the resource was created, when the provider reports it
 * @param raw the provider's payload as it came over the wire; through the facade, with the library's generated
 * secrets redacted (it may still hold environment values the caller set: never log it)
 */
public record Compute(String id, String provider, ComputeStatus status, @Nullable String publicIp,
		List<PortBinding> ports, @Nullable String gpuType, int gpuCount, @Nullable BigDecimal costPerHour,
		@Nullable String region, @Nullable String image, @Nullable String name, @Nullable AuthHandle auth,
		@Nullable Instant createdAt, Map<String, Object> raw) {

	/**
	 * Validates the resource.
	 * @param id id
	 * @param provider provider
	 * @param status status
	 * @param publicIp public IP
	 * @param ports ports
	 * @param gpuType GPU type
	 * @param gpuCount GPU count
	 * @param costPerHour cost per hour
	 * @param region region
	 * @param image image
	 * @param name name
	 * @param auth auth handle
	 * @param createdAt creation time
	 * @param raw raw payload
	 */
	public Compute {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(provider, "provider");
		Objects.requireNonNull(status, "status");
		ports = List.copyOf(ports);
		raw = (raw != null) ? java.util.Collections.unmodifiableMap(new LinkedHashMap<>(raw)) : Map.of();
	}

	/**
	 * Start building a resource.
	 * @param id the provider's id
	 * @param provider the provider id
	 * @return a builder (status PROVISIONING, 0 GPUs)
	 */
	public static Builder builder(String id, String provider) {
		return new Builder(id, provider);
	}

	/**
	 * A builder pre-filled with this resource.
	 * @return the builder
	 */
	public Builder toBuilder() {
		return new Builder(this);
	}

	/**
	 * The URL of an exposed port.
	 * @param internalPort the container port
	 * @return its URL, if the port is exposed and has one yet
	 */
	public Optional<String> url(int internalPort) {
		return this.ports.stream()
			.filter((port) -> port.internalPort() == internalPort)
			.map(PortBinding::url)
			.filter(Objects::nonNull)
			.findFirst();
	}

	/**
	 * This resource with another auth handle.
	 * @param auth the handle
	 * @return the copy
	 */
	public Compute withAuth(@Nullable AuthHandle auth) {
		return toBuilder().auth(auth).build();
	}

	/**
	 * This resource as the library keeps it: the auth handle without its raw token.
	 * @return the copy
	 */
	public Compute withoutSecrets() {
		return (this.auth != null && this.auth.token() != null) ? withAuth(this.auth.withoutToken()) : this;
	}

	/**
	 * Describes the resource without its raw payload (which may carry environment values).
	 * @return the description
	 */
	@Override
	public String toString() {
		return "Compute[id=" + this.id + ", provider=" + this.provider + ", status=" + this.status + ", publicIp="
				+ this.publicIp + ", ports=" + this.ports + ", gpuType=" + this.gpuType + ", gpuCount="
				+ this.gpuCount + ", costPerHour=" + this.costPerHour + ", region=" + this.region + ", image="
				+ this.image + ", name=" + this.name + ", auth=" + this.auth + ", createdAt=" + this.createdAt + "]";
	}

	/**
	 * Builds a {@link Compute}; used by providers to normalize their payloads.
	 */
	public static final class Builder {

		private final String id;

		private final String provider;

		private ComputeStatus status = ComputeStatus.PROVISIONING;

		private @Nullable String publicIp;

		private final List<PortBinding> ports = new ArrayList<>();

		private @Nullable String gpuType;

		private int gpuCount;

		private @Nullable BigDecimal costPerHour;

		private @Nullable String region;

		private @Nullable String image;

		private @Nullable String name;

		private @Nullable AuthHandle auth;

		private @Nullable Instant createdAt;

		private Map<String, Object> raw = Map.of();

		private Builder(String id, String provider) {
			this.id = id;
			this.provider = provider;
		}

		private Builder(Compute compute) {
			this(compute.id, compute.provider);
			this.status = compute.status;
			this.publicIp = compute.publicIp;
			this.ports.addAll(compute.ports);
			this.gpuType = compute.gpuType;
			this.gpuCount = compute.gpuCount;
			this.costPerHour = compute.costPerHour;
			this.region = compute.region;
			this.image = compute.image;
			this.name = compute.name;
			this.auth = compute.auth;
			this.createdAt = compute.createdAt;
			this.raw = compute.raw;
		}

		/**
		 * Set the status.
		 * @param status the status
		 * @return this builder
		 */
		public Builder status(ComputeStatus status) {
			this.status = status;
			return this;
		}

		/**
		 * Set the public IP.
		 * @param publicIp the IP
		 * @return this builder
		 */
		public Builder publicIp(@Nullable String publicIp) {
			this.publicIp = publicIp;
			return this;
		}

		/**
		 * Add a port binding.
		 * @param port the binding
		 * @return this builder
		 */
		public Builder port(PortBinding port) {
			this.ports.add(port);
			return this;
		}

		/**
		 * Replace the port bindings.
		 * @param ports the bindings
		 * @return this builder
		 */
		public Builder ports(List<PortBinding> ports) {
			this.ports.clear();
			this.ports.addAll(ports);
			return this;
		}

		/**
		 * Set the native GPU type.
		 * @param gpuType the type
		 * @return this builder
		 */
		public Builder gpuType(@Nullable String gpuType) {
			this.gpuType = gpuType;
			return this;
		}

		/**
		 * Set the GPU count.
		 * @param gpuCount the count
		 * @return this builder
		 */
		public Builder gpuCount(int gpuCount) {
			this.gpuCount = gpuCount;
			return this;
		}

		/**
		 * Set the cost per hour.
		 * @param costPerHour USD per hour
		 * @return this builder
		 */
		public Builder costPerHour(@Nullable BigDecimal costPerHour) {
			this.costPerHour = costPerHour;
			return this;
		}

		/**
		 * Set the region.
		 * @param region the region
		 * @return this builder
		 */
		public Builder region(@Nullable String region) {
			this.region = region;
			return this;
		}

		/**
		 * Set the image.
		 * @param image the image
		 * @return this builder
		 */
		public Builder image(@Nullable String image) {
			this.image = image;
			return this;
		}

		/**
		 * Set the name.
		 * @param name the name
		 * @return this builder
		 */
		public Builder name(@Nullable String name) {
			this.name = name;
			return this;
		}

		/**
		 * Set the auth handle.
		 * @param auth the handle
		 * @return this builder
		 */
		public Builder auth(@Nullable AuthHandle auth) {
			this.auth = auth;
			return this;
		}

		/**
		 * Set the creation time.
		 * @param createdAt the time
		 * @return this builder
		 */
		public Builder createdAt(@Nullable Instant createdAt) {
			this.createdAt = createdAt;
			return this;
		}

		/**
		 * Set the raw provider payload.
		 * @param raw the payload
		 * @return this builder
		 */
		public Builder raw(Map<String, Object> raw) {
			this.raw = raw;
			return this;
		}

		/**
		 * Build the resource.
		 * @return the resource
		 */
		public Compute build() {
			return new Compute(this.id, this.provider, this.status, this.publicIp, this.ports, this.gpuType,
					this.gpuCount, this.costPerHour, this.region, this.image, this.name, this.auth, this.createdAt,
					this.raw);
		}

	}

}
