package io.exatlas.fly.tokens;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Optional;

import io.exatlas.Secret;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
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

	/** The largest {@code config.yml} read: flyctl's own is a few hundred bytes. */
	static final long MAX_SIZE = 1024 * 1024;

	private final Path path;

	private volatile @Nullable Read last;

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
	 * The access token. The file is read again only when its modification time or size changed; a file that is not
	 * a regular file (a directory, a FIFO that would block the reader), is larger than 1 MB or does not parse is
	 * skipped with a WARN line saying why, once per change.
	 * @return the token, or empty when the file is missing, skipped or logged out
	 */
	public Optional<Secret> accessToken() {
		BasicFileAttributes attributes;
		try {
			attributes = Files.readAttributes(this.path, BasicFileAttributes.class);
		}
		catch (NoSuchFileException ex) {
			this.last = null;
			return Optional.empty();
		}
		catch (IOException ex) {
			return skip("its attributes cannot be read (" + ex.getClass().getSimpleName() + ")", null);
		}
		Read last = this.last;
		if (last != null && last.modified().equals(attributes.lastModifiedTime()) && last.size() == attributes.size()) {
			return Optional.ofNullable(last.token());
		}
		if (!attributes.isRegularFile()) {
			return skip("it is not a regular file", attributes);
		}
		if (attributes.size() > MAX_SIZE) {
			return skip("it is larger than " + MAX_SIZE + " bytes", attributes);
		}
		try {
			JsonNode config = YAML.readTree(Files.readAllBytes(this.path));
			JsonNode token = config.path("access_token");
			Secret secret = token.isString() ? Secret.ofNullable(token.asString().strip()) : null;
			this.last = new Read(attributes.lastModifiedTime(), attributes.size(), secret);
			return Optional.ofNullable(secret);
		}
		catch (NoSuchFileException ex) {
			this.last = null;
			return Optional.empty();
		}
		catch (IOException | JacksonException ex) {
			return skip("it cannot be read as YAML (" + ex.getClass().getSimpleName() + ")", attributes);
		}
	}

	private Optional<Secret> skip(String why, @Nullable BasicFileAttributes attributes) {
		Read last = this.last;
		boolean unchanged = attributes != null && last != null && last.modified().equals(attributes.lastModifiedTime())
				&& last.size() == attributes.size();
		if (!unchanged) {
			logger.warn("Skipping flyctl's config file " + this.path + ": " + why);
		}
		this.last = (attributes != null) ? new Read(attributes.lastModifiedTime(), attributes.size(), null) : null;
		return Optional.empty();
	}

	/** What the last read found, by the file's modification time and size. */
	private record Read(FileTime modified, long size, @Nullable Secret token) {
	}

}
