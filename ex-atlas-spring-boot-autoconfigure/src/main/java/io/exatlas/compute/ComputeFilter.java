package io.exatlas.compute;

import java.util.EnumSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Which compute resources to list. Every provider honours at least {@link #statuses()} and {@link #namePrefix()};
 * the facade re-applies the whole filter to whatever a provider returns, so results are always exact.
 *
 * @param statuses statuses to keep (empty: all)
 * @param namePrefix keep only resources whose name starts with this
 * @param region keep only resources in this region
 * @param gpuType keep only resources with this native GPU type
 */
public record ComputeFilter(Set<ComputeStatus> statuses, @Nullable String namePrefix, @Nullable String region,
		@Nullable String gpuType) {

	private static final ComputeFilter ALL = new ComputeFilter(Set.of(), null, null, null);

	/**
	 * Copies the statuses.
	 * @param statuses statuses
	 * @param namePrefix name prefix
	 * @param region region
	 * @param gpuType GPU type
	 */
	public ComputeFilter {
		statuses = (statuses == null || statuses.isEmpty()) ? Set.of() : Set.copyOf(EnumSet.copyOf(statuses));
	}

	/**
	 * Everything.
	 * @return the filter that keeps every resource
	 */
	public static ComputeFilter all() {
		return ALL;
	}

	/**
	 * Only resources in one of the statuses.
	 * @param first a status
	 * @param rest more statuses
	 * @return the filter
	 */
	public static ComputeFilter status(ComputeStatus first, ComputeStatus... rest) {
		return new ComputeFilter(EnumSet.of(first, rest), null, null, null);
	}

	/**
	 * Only resources whose name starts with the prefix.
	 * @param prefix the prefix
	 * @return the filter
	 */
	public static ComputeFilter namePrefix(String prefix) {
		return new ComputeFilter(Set.of(), prefix, null, null);
	}

	/**
	 * This filter also restricted to statuses.
	 * @param first a status
	 * @param rest more statuses
	 * @return the filter
	 */
	public ComputeFilter withStatus(ComputeStatus first, ComputeStatus... rest) {
		return new ComputeFilter(EnumSet.of(first, rest), this.namePrefix, this.region, this.gpuType);
	}

	/**
	 * This filter also restricted to a name prefix.
	 * @param prefix the prefix
	 * @return the filter
	 */
	public ComputeFilter withNamePrefix(String prefix) {
		return new ComputeFilter(this.statuses, prefix, this.region, this.gpuType);
	}

	/**
	 * This filter also restricted to a region.
	 * @param region the region
	 * @return the filter
	 */
	public ComputeFilter withRegion(String region) {
		return new ComputeFilter(this.statuses, this.namePrefix, region, this.gpuType);
	}

	/**
	 * Whether a resource passes the filter.
	 * @param compute the resource
	 * @return whether it is kept
	 */
	public boolean matches(Compute compute) {
		if (!this.statuses.isEmpty() && !this.statuses.contains(compute.status())) {
			return false;
		}
		if (this.namePrefix != null && (compute.name() == null || !compute.name().startsWith(this.namePrefix))) {
			return false;
		}
		if (this.region != null && !this.region.equals(compute.region())) {
			return false;
		}
		return this.gpuType == null || this.gpuType.equals(compute.gpuType());
	}

}
