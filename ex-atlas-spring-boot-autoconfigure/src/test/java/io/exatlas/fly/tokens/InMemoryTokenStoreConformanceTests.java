package io.exatlas.fly.tokens;

import io.exatlas.testkit.TokenStoreConformance;

class InMemoryTokenStoreConformanceTests extends TokenStoreConformance {

	@Override
	protected TokenStore store() {
		return new InMemoryTokenStore();
	}

}
