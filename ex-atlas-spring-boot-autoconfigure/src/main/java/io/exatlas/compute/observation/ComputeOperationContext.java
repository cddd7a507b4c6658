package io.exatlas.compute.observation;

import io.exatlas.ErrorKind;
import io.exatlas.compute.ComputeOperation;
import io.exatlas.compute.ComputeOperationEvent.Outcome;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * What an observation of one compute operation knows: the provider, the operation and, once it ended, the outcome.
 */
public class ComputeOperationContext extends Observation.Context {

	private final String provider;

	private final ComputeOperation operation;

	private @Nullable Outcome outcome;

	private @Nullable ErrorKind errorKind;

	/**
	 * Create the context.
	 * @param provider the provider id
	 * @param operation the operation
	 */
	public ComputeOperationContext(String provider, ComputeOperation operation) {
		this.provider = provider;
		this.operation = operation;
	}

	/**
	 * The provider id.
	 * @return the provider
	 */
	public String provider() {
		return this.provider;
	}

	/**
	 * The operation.
	 * @return the operation
	 */
	public ComputeOperation operation() {
		return this.operation;
	}

	/**
	 * How the operation ended.
	 * @return the outcome, {@code null} while it runs
	 */
	public @Nullable Outcome outcome() {
		return this.outcome;
	}

	/**
	 * The error kind of a failed operation.
	 * @return the kind, or {@code null}
	 */
	public @Nullable ErrorKind errorKind() {
		return this.errorKind;
	}

	void ended(Outcome outcome, @Nullable ErrorKind errorKind) {
		this.outcome = outcome;
		this.errorKind = errorKind;
	}

}
