package com.example.tinycloud;

import io.exatlas.fly.tokens.TokenStore;
import io.exatlas.test.conformance.TokenStoreConformance;

/**
 * The user's token store against the token-store kit of {@code ex-atlas-spring-boot-test}.
 */
class MapTokenStoreConformanceTests extends TokenStoreConformance {

	@Override
	protected TokenStore store() {
		return new MapTokenStore();
	}

}
