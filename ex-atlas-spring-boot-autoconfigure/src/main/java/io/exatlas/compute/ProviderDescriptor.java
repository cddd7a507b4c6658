package io.exatlas.compute;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a provider is and can do, as reported by {@link ReactiveExAtlas#providers()}.
 *
 * @param id the provider id
 * @param capabilities the features it offers (in declaration order)
 * @param operations the operations it implements (in declaration order)
 * @param isDefault whether it is {@code exatlas.default-provider}
 */
public record ProviderDescriptor(String id, Set<Capability> capabilities, Set<ComputeOperation> operations,
		boolean isDefault) {

	/**
	 * Copies the sets.
	 * @param id id
	 * @param capabilities capabilities
	 * @param operations operations
	 * @param isDefault default flag
	 */
	public ProviderDescriptor {
		capabilities = Collections.unmodifiableSet(
				capabilities.isEmpty() ? EnumSet.noneOf(Capability.class) : EnumSet.copyOf(capabilities));
		operations = Collections.unmodifiableSet(
				operations.isEmpty() ? EnumSet.noneOf(ComputeOperation.class) : EnumSet.copyOf(operations));
	}

}
