package io.exatlas.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The REST table of {@code docs/sample-app.md} lists every endpoint the sample maps, and nothing it does not: the
 * documentation cannot drift from the controllers.
 */
@SpringBootTest(properties = { "exatlas.fly.cli=/nonexistent/fly", "exatlas.fly.tokens.store=memory",
		"exatlas.fly.tokens.config-file-enabled=false" })
class SampleApiDocumentationTests {

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	private RequestMappingHandlerMapping mappings;

	@Test
	void theRestTableListsEveryMappedEndpoint() throws Exception {
		String docs = Files.readString(Path.of("..", "docs", "sample-app.md"));
		List<String> mapped = new ArrayList<>();
		for (RequestMappingInfo info : this.mappings.getHandlerMethods().keySet()) {
			for (String path : info.getPatternValues()) {
				if (!path.startsWith("/api/")) {
					continue;
				}
				info.getMethodsCondition().getMethods().forEach((method) -> mapped.add(method + " " + path));
			}
		}
		assertThat(mapped).hasSizeGreaterThan(15);
		for (String endpoint : mapped) {
			assertThat(docs).as("docs/sample-app.md documents %s", endpoint).contains("| `" + endpoint + "` |");
		}
		long documented = docs.lines().filter((line) -> line.startsWith("| `") && line.contains(" /api/")).count();
		assertThat(documented).as("documented endpoints that the app maps").isEqualTo(mapped.size());
	}

}
