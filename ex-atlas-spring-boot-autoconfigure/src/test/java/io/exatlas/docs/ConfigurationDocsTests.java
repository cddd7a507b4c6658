package io.exatlas.docs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docs/configuration.md} lists exactly the {@code exatlas.*} keys of the generated configuration metadata:
 * a new property fails this test until it is documented, and a removed one until its row goes.
 */
class ConfigurationDocsTests {

	private static final Pattern DOCUMENTED_KEY = Pattern.compile("^\\| `(exatlas\\.[a-z0-9.<>-]+)`",
			Pattern.MULTILINE);

	private static Set<String> metadataKeys;

	private static Set<String> documentedKeys;

	@BeforeAll
	static void read() throws IOException {
		metadataKeys = new TreeSet<>();
		try (InputStream in = ConfigurationDocsTests.class
			.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(in).as("generated configuration metadata").isNotNull();
			JsonNode metadata = JsonMapper.builder().build().readTree(in);
			for (JsonNode property : metadata.path("properties")) {
				String name = property.path("name").asString();
				if (name.startsWith("exatlas.")) {
					metadataKeys.add(name.equals("exatlas.gpu-catalog") ? "exatlas.gpu-catalog.<gpu>.<provider>" : name);
				}
			}
		}
		documentedKeys = new TreeSet<>();
		Matcher matcher = DOCUMENTED_KEY.matcher(Files.readString(Path.of("..", "docs", "configuration.md")));
		while (matcher.find()) {
			documentedKeys.add(matcher.group(1));
		}
	}

	@Test
	void everyKeyOfTheMetadataIsDocumented() {
		assertThat(metadataKeys).hasSizeGreaterThan(90);
		assertThat(documentedKeys).containsAll(metadataKeys);
	}

	@Test
	void everyDocumentedKeyExists() {
		assertThat(metadataKeys).containsAll(documentedKeys);
	}

}
