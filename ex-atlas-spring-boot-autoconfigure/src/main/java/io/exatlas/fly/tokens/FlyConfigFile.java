package io.exatlas.fly.tokens;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

import io.exatlas.Secret;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads {@code access_token} from flyctl's {@code config.yml} with a YAML parser (yaml.v3 may quote or fold long
 * values). The value may hold several comma-joined tokens without a scheme; it is returned as it is. Note that it
 * is the login token of whoever ran {@code fly auth login}, with all their permissions.
 */
public class FlyConfigFile {

	private static final Log logger = LogFactory.getLog(FlyConfigFile.class);

	private static final YAMLMapper YAML = YAMLMapper.builder().build();

	private final Path path;

	/**
	 * Read from the given file.
	 * @param path the {@code config.yml}
	 */
	public FlyConfigFile(Path path) {
		this.path = path;
	}

	/**
	 * The file read.
	 * @return the path
	 */
	public Path path() {
		return this.path;
	}

	/**
	 * The access token, read again on every call.
	 * @return the token, or empty when the file is missing, unreadable or logged out
	 */
	public Optional<Secret> accessToken() {
		try {
			JsonNode config = YAML.readTree(Files.readAllBytes(this.path));
			JsonNode token = config.path("access_token");
			return token.isString() ? Optional.ofNullable(Secret.ofNullable(token.asString().strip()))
					: Optional.empty();
		}
		catch (NoSuchFileException ex) {
			return Optional.empty();
		}
		catch (IOException | JacksonException ex) {
			logger.debug("Could not read " + this.path + " (" + ex.getClass().getSimpleName() + ")");
			return Optional.empty();
		}
	}

}
