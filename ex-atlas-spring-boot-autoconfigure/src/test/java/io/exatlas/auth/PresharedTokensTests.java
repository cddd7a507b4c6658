package io.exatlas.auth;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PresharedTokensTests {

	@Test
	void hashIsLowerHexSha256LikeTheReference() {
		assertThat(PresharedTokens.hash("abc"))
			.isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	}

	@Test
	void mintedTokensAre43UrlSafeCharactersWithTheirHash() {
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < 100; i++) {
			PresharedTokens.MintedToken minted = PresharedTokens.mint();
			String token = minted.token().reveal();
			assertThat(token).hasSize(43).matches("[A-Za-z0-9_-]{43}");
			assertThat(minted.hash()).isEqualTo(PresharedTokens.hash(token)).hasSize(64);
			assertThat(minted.authorizationHeaderValue()).isEqualTo("Bearer " + token);
			assertThat(seen.add(token)).isTrue();
		}
	}

	@Test
	void matchesOnlyTheRightTokenAndTheLowerCaseHash() {
		PresharedTokens.MintedToken minted = PresharedTokens.mint();
		String token = minted.token().reveal();
		assertThat(PresharedTokens.matches(token, minted.hash())).isTrue();
		assertThat(PresharedTokens.matches(token + "x", minted.hash())).isFalse();
		assertThat(PresharedTokens.matches(token, minted.hash().toUpperCase())).isFalse();
		assertThat(PresharedTokens.matches(token, minted.hash().substring(1))).isFalse();
	}

}
