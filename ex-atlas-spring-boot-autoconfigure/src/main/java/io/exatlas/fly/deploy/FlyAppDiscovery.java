package io.exatlas.fly.deploy;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import io.exatlas.ExAtlasException;
import io.exatlas.fly.FlyAppNames;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.toml.TomlMapper;

/**
 * Finds the Fly apps of a project: every {@code fly.toml} at the project's root and down to a depth, parsed with a
 * TOML library, whose {@code app} is a valid Fly app name. Unreadable files and invalid names are skipped with a
 * warning.
 */
public final class FlyAppDiscovery {

	private static final Log logger = LogFactory.getLog(FlyAppDiscovery.class);

	private static final String FLY_TOML = "fly.toml";

	private static final int DEFAULT_DEPTH = 1;

	private static final TomlMapper TOML = TomlMapper.builder().build();

	private FlyAppDiscovery() {
	}

	/**
	 * Discover the apps at the project's root and one directory level below it.
	 * @param projectDir the project directory
	 * @return the apps, sorted by name
	 */
	public static List<FlyApp> discover(Path projectDir) {
		return discover(projectDir, DEFAULT_DEPTH);
	}

	/**
	 * Whether discovery leaves a directory out: version-control and dependency trees ({@code .git},
	 * {@code node_modules}) and hidden directories, which hold copies of apps, never apps to deploy.
	 * @param dir the directory
	 * @return whether it is skipped
	 */
	static boolean skipped(Path dir) {
		String name = (dir.getFileName() != null) ? dir.getFileName().toString() : "";
		return name.startsWith(".") || name.equals("node_modules");
	}

	/**
	 * Discover the apps.
	 * @param projectDir the project directory
	 * @param maxDepth how many directory levels below the root to search (0: the root only)
	 * @return the apps, sorted by name
	 * @throws ExAtlasException of kind {@code VALIDATION} when the project directory is not a directory
	 */
	public static List<FlyApp> discover(Path projectDir, int maxDepth) {
		Path root = projectDir.toAbsolutePath().normalize();
		if (!Files.isDirectory(root) || maxDepth < 0) {
			throw ExAtlasException.validation("fly", "not a project directory (or a negative depth): " + root);
		}
		List<FlyApp> apps = new ArrayList<>();
		try {
			Files.walkFileTree(root, EnumSet.noneOf(FileVisitOption.class), maxDepth + 1, new SimpleFileVisitor<>() {

				@Override
				public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
					return (dir.equals(root) || !skipped(dir)) ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
				}

				@Override
				public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
					if (attributes.isRegularFile() && file.getFileName().toString().equals(FLY_TOML)) {
						read(root, file).ifPresent(apps::add);
					}
					return FileVisitResult.CONTINUE;
				}

				@Override
				public FileVisitResult visitFileFailed(Path file, IOException ex) {
					return FileVisitResult.CONTINUE;
				}

			});
		}
		catch (IOException ex) {
			throw ExAtlasException.validation("fly", "cannot read project directory " + root + ": " + ex.getMessage());
		}
		apps.sort(Comparator.comparing(FlyApp::name).thenComparing(FlyApp::directory));
		return apps;
	}

	/**
	 * The Fly app name of a {@code fly.toml} (the reference's {@code parse_app_name}): the top-level {@code app} key,
	 * read by a TOML parser, so a key of the same name inside a table ({@code [env]}) or a commented-out line never
	 * counts, and quoting and spacing are TOML's.
	 * @param content the file's text
	 * @return the app name; empty when there is none, it is not a valid Fly app name, or the text is not TOML
	 */
	public static Optional<String> parseAppName(String content) {
		try {
			return appName(TOML.readTree(content));
		}
		catch (JacksonException ex) {
			return Optional.empty();
		}
	}

	private static Optional<String> appName(JsonNode toml) {
		String app = toml.path("app").isString() ? toml.path("app").asString().strip() : null;
		return (app != null && FlyAppNames.isValid(app)) ? Optional.of(app) : Optional.empty();
	}

	private static Optional<FlyApp> read(Path root, Path file) {
		try {
			Optional<String> app = appName(TOML.readTree(file.toFile()));
			if (app.isEmpty()) {
				logger.warn("Skipping " + file + ": no valid Fly app name in 'app'");
				return Optional.empty();
			}
			return Optional.of(new FlyApp(app.get(), root.relativize(file.getParent())));
		}
		catch (JacksonException ex) {
			logger.warn("Skipping " + file + ": not valid TOML (" + ex.getOriginalMessage() + ")");
			return Optional.empty();
		}
	}

}
