package io.exatlas.providers;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

import io.exatlas.compute.Capability;
import io.exatlas.compute.ComputeOperation;
import io.exatlas.compute.ComputeProvider;

/**
 * The fixed description every provider has: its id, capabilities and implemented operations. Providers extend it
 * and implement the operations only.
 */
public abstract class AbstractComputeProvider implements ComputeProvider {

	private final String id;

	private final Set<Capability> capabilities;

	private final Set<ComputeOperation> operations;

	/**
	 * Describe the provider.
	 * @param id the provider id
	 * @param capabilities what it offers
	 * @param operations what it implements (the others answer {@code UNSUPPORTED})
	 */
	protected AbstractComputeProvider(String id, Set<Capability> capabilities, Set<ComputeOperation> operations) {
		this.id = id;
		this.capabilities = Collections.unmodifiableSet(
				capabilities.isEmpty() ? EnumSet.noneOf(Capability.class) : EnumSet.copyOf(capabilities));
		this.operations = Collections.unmodifiableSet(EnumSet.copyOf(operations));
	}

	@Override
	public final String id() {
		return this.id;
	}

	@Override
	public final Set<Capability> capabilities() {
		return this.capabilities;
	}

	@Override
	public final Set<ComputeOperation> supportedOperations() {
		return this.operations;
	}

}
