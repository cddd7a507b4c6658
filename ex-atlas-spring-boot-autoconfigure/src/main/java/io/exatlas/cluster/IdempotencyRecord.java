package io.exatlas.cluster;

import io.exatlas.ErrorKind;
import io.exatlas.ErrorReason;
import io.exatlas.ExAtlasException;
import io.exatlas.compute.Compute;
import org.jspecify.annotations.Nullable;

/**
 * What Redis keeps for one idempotency key: a spawn in progress on an instance, its resource (never its
 * credential), or its failure (the typed parts of the exception, never its cause).
 *
 * @param state where the spawn is
 * @param owner the instance that runs the spawn
 * @param compute the resource, once {@link State#DONE}
 * @param kind the failure's kind, once {@link State#FAILED}
 * @param reason the failure's reason
 * @param provider the failure's provider
 * @param status the failure's HTTP status
 * @param code the failure's provider code
 * @param detail the failure's message
 */
record IdempotencyRecord(State state, String owner, @Nullable Compute compute, @Nullable ErrorKind kind,
		@Nullable ErrorReason reason, @Nullable String provider, @Nullable Integer status, @Nullable String code,
		@Nullable String detail) {

	static IdempotencyRecord pending(String owner) {
		return new IdempotencyRecord(State.PENDING, owner, null, null, null, null, null, null, null);
	}

	static IdempotencyRecord done(String owner, Compute compute) {
		return new IdempotencyRecord(State.DONE, owner,
				compute.withoutSecrets().toBuilder().raw(java.util.Map.of()).build(), null, null, null, null, null,
				null);
	}

	static IdempotencyRecord failed(String owner, ExAtlasException failure) {
		return new IdempotencyRecord(State.FAILED, owner, null, failure.kind(), failure.reason().orElse(null),
				failure.provider().orElse(null),
				failure.status().isPresent() ? failure.status().getAsInt() : null, failure.code().orElse(null),
				failure.detail().orElse(null));
	}

	ExAtlasException failure() {
		return ExAtlasException.builder((this.kind != null) ? this.kind : ErrorKind.UNKNOWN)
			.provider(this.provider)
			.status(this.status)
			.code(this.code)
			.reason(this.reason)
			.message(this.detail)
			.build();
	}

	/** Where a keyed spawn is. */
	enum State {

		/** Running on its owner. */
		PENDING,

		/** Ended with a resource. */
		DONE,

		/** Ended with a failure. */
		FAILED

	}

}
