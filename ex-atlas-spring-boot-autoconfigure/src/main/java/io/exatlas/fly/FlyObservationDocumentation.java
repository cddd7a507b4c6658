package io.exatlas.fly;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations of the Fly platform operations: timers and, with tracing, spans. App names and ticket ids are
 * high-cardinality keys (spans only), never meter tags.
 */
public enum FlyObservationDocumentation implements ObservationDocumentation {

	/**
	 * A token resolved by the chain (a cache miss: store, config file, CLI or manual override). Cache hits are too
	 * cheap to observe; the {@code exatlas.fly.token.acquisitions} meter counts them.
	 */
	TOKEN_RESOLUTION {

		@Override
		public String getName() {
			return "exatlas.fly.token.resolution";
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return new KeyName[] { Keys.SOURCE, Keys.REFRESH };
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return new KeyName[] { Keys.APP };
		}

	},

	/**
	 * A streamed deploy, from start to exit.
	 */
	DEPLOY {

		@Override
		public String getName() {
			return "exatlas.fly.deploy";
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return new KeyName[] { Keys.RESULT };
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return new KeyName[] { Keys.TICKET };
		}

	};

	/**
	 * The keys.
	 */
	public enum Keys implements KeyName {

		/** Where the token came from, e.g. {@code cli}. */
		SOURCE("source"),

		/** Whether the resolution was a forced refresh. */
		REFRESH("refresh"),

		/** The Fly app (high cardinality). */
		APP("fly.app"),

		/** How the deploy ended, e.g. {@code ok}. */
		RESULT("result"),

		/** The deploy's ticket id (high cardinality). */
		TICKET("ticket.id");

		private final String key;

		Keys(String key) {
			this.key = key;
		}

		@Override
		public String asString() {
			return this.key;
		}

	}

}
