package io.exatlas.fly.tokens;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import io.exatlas.Secret;
import io.exatlas.internal.WireJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON of the file token store: {@code {"version":1,"apps":{"<app>":{"cached":{"token":…,"expiresAt":…},
 * "manual":{…}}}}}, read strictly (a record of the wrong shape makes the whole file unreadable) and written in a
 * stable order.
 */
final class TokenFileFormat {

	private TokenFileFormat() {
	}

	/**
	 * The records of a store file.
	 * @param root the file's JSON
	 * @return the records
	 * @throws IllegalArgumentException when it is not a store file
	 */
	static Map<Key, StoredToken> parse(JsonNode root) {
		Map<Key, StoredToken> parsed = new HashMap<>();
		JsonNode apps = root.path("apps");
		if (!root.isObject() || !apps.isObject()) {
			throw new IllegalArgumentException("expected an object with an 'apps' object");
		}
		for (Map.Entry<String, JsonNode> app : apps.properties()) {
			for (TokenKind kind : TokenKind.values()) {
				JsonNode record = app.getValue().path(kind.name().toLowerCase(java.util.Locale.ROOT));
				if (record.isMissingNode()) {
					continue;
				}
				JsonNode token = record.path("token");
				JsonNode expiresAt = record.path("expiresAt");
				if (!token.isString() || token.asString().isEmpty() || !(expiresAt.isMissingNode()
						|| expiresAt.isNull() || expiresAt.isString())) {
					throw new IllegalArgumentException("malformed record");
				}
				try {
					Instant expiry = expiresAt.isString() ? Instant.parse(expiresAt.asString()) : null;
					parsed.put(new Key(app.getKey(), kind), new StoredToken(Secret.of(token.asString()), expiry));
				}
				catch (DateTimeParseException ex) {
					throw new IllegalArgumentException("malformed expiry", ex);
				}
			}
		}
		return Map.copyOf(parsed);
	}

	/**
	 * The store file of a set of records, apps and kinds in order.
	 * @param records the records
	 * @return the file's JSON
	 */
	static ObjectNode render(Map<Key, StoredToken> records) {
		ObjectNode root = WireJson.object().put("version", 1);
		ObjectNode apps = root.putObject("apps");
		Map<String, Map<TokenKind, StoredToken>> byApp = new TreeMap<>();
		records.forEach((key, record) -> byApp.computeIfAbsent(key.app(), (app) -> new TreeMap<>())
			.put(key.kind(), record));
		byApp.forEach((appName, kinds) -> kinds.forEach((kind, record) -> {
			ObjectNode app = apps.has(appName) ? (ObjectNode) apps.get(appName) : apps.putObject(appName);
			ObjectNode entry = app.putObject(kind.name().toLowerCase(java.util.Locale.ROOT));
			entry.put("token", record.token().reveal());
			if (record.expiresAt() != null) {
				entry.put("expiresAt", record.expiresAt().toString());
			}
		}));
		return root;
	}

	/**
	 * One record's place in the store.
	 * @param app the app
	 * @param kind the record kind
	 */
	record Key(String app, TokenKind kind) {
	}

}
