package io.exatlas.providers;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

import io.exatlas.ExAtlasException;
import io.exatlas.compute.Capability;
import io.exatlas.compute.Compute;
import io.exatlas.compute.ComputeOperation;
import io.exatlas.compute.ComputeProvider;
import io.exatlas.compute.ComputeStatus;
import io.exatlas.compute.ProviderContext;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The fixed description every provider has: its id, capabilities and implemented operations. Providers extend it
 * and implement the operations only.
 */
public abstract class AbstractComputeProvider implements ComputeProvider {

	private static final Log logger = LogFactory.getLog(AbstractComputeProvider.class);

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

	/**
	 * Read a resource back right after the cloud created it. When the read fails (a timeout, a 5xx after the
	 * retries), the resource still exists: the spawn answers it by its id, {@code PROVISIONING}, instead of failing
	 * and losing it from view; the caller (and the orchestrator) track it and later reads fill it in.
	 * @param id the created resource's id
	 * @param name the name it was created with, or {@code null}
	 * @param context the call context
	 * @return the resource as read, or as known from the create
	 */
	protected Mono<Compute> readBack(String id, @Nullable String name, ProviderContext context) {
		return get(id, context).onErrorResume(ExAtlasException.class, (ex) -> {
			logger.warn("Provider '" + id() + "' created " + id + " but could not read it back (" + ex.kind()
					+ "); answering it as PROVISIONING");
			return Mono.just(Compute.builder(id, id()).status(ComputeStatus.PROVISIONING).name(name).build());
		});
	}

}
