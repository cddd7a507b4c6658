package io.exatlas.fly.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import io.exatlas.ErrorKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.exatlas.support.ExAtlasAssertions.assertKind;
import static org.assertj.core.api.Assertions.assertThat;

class FlyAppDiscoveryTests {

	@TempDir
	Path project;

	private void toml(String dir, String content) throws IOException {
		Path directory = Files.createDirectories(this.project.resolve(dir));
		Files.writeString(directory.resolve("fly.toml"), content);
	}

	@Test
	void findsValidAppsDownToTheDepthSortedByName() throws IOException {
		toml(".", "app = \"zeta-root\"\nprimary_region = \"ord\"\n[http_service]\ninternal_port = 8080\n");
		toml("api", "# comment\napp = 'alpha-api'\n");
		toml("workers/deep", "app = \"too-deep\"\n");
		toml("bad-name", "app = \"Not_A_Fly_Name\"\n");
		toml("broken", "app = \"unterminated\n[[[");
		toml("no-app", "primary_region = \"ord\"\n");
		assertThat(FlyAppDiscovery.discover(this.project, 1)).containsExactly(new FlyApp("alpha-api", Path.of("api")),
				new FlyApp("zeta-root", Path.of("")));
		assertThat(FlyAppDiscovery.discover(this.project, 2)).extracting(FlyApp::name)
			.containsExactly("alpha-api", "too-deep", "zeta-root");
		assertThat(FlyAppDiscovery.discover(this.project, 0)).extracting(FlyApp::name).containsExactly("zeta-root");
		assertThat(FlyAppDiscovery.discover(this.project)).isEqualTo(FlyAppDiscovery.discover(this.project, 1));
	}

	@Test
	void versionControlDependencyAndHiddenTreesAreSkipped() throws IOException {
		toml("api", "app = \"real-api\"\n");
		toml(".git", "app = \"git-copy\"\n");
		toml("node_modules", "app = \"vendored-app\"\n");
		toml(".cache", "app = \"hidden-copy\"\n");
		assertThat(FlyAppDiscovery.discover(this.project, 1)).extracting(FlyApp::name).containsExactly("real-api");
	}

	@Test
	void aMissingProjectDirectoryIsAValidationError() {
		assertKind(() -> FlyAppDiscovery.discover(this.project.resolve("missing"), 1), ErrorKind.VALIDATION);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "app = \"my-app\"|my-app",
			"app  =  'my-app'|my-app", "app = \"my-app\"  # a comment|my-app", "app = \"My App\"|",
			"primary_region = \"ord\"|", "app_name = \"x\"|", "[env]\\napp = \"not-top-level\"|",
			"primary_region = \"ord\"\\n# app = \"commented\"|", "app = \"ok\"\\n[env]\\napp = \"other\"|ok", "app = 42|", "not = toml = at all|" })
	void parseAppNameReadsTheTopLevelAppKeyOnly(String content, String expected) {
		assertThat(FlyAppDiscovery.parseAppName(content.replace("\\n", "\n")))
			.isEqualTo(Optional.ofNullable(expected));
	}

}
