package io.exatlas.fly.tokens;

import io.exatlas.test.conformance.TokenStoreConformance;

class InMemoryTokenStoreConformanceTests extends TokenStoreConformance {

	@Override
	protected TokenStore store() {
		return new InMemoryTokenStore();
	}

}
