package io.exatlas.support;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * Finds the Redis binaries the tests start: on the PATH, else where Debian's packages put them.
 */
final class RedisBinaries {

	private RedisBinaries() {
	}

	static @Nullable String find(String name) {
		for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			Path candidate = Path.of(directory, name);
			if (Files.isExecutable(candidate)) {
				return candidate.toString();
			}
		}
		Path debian = Path.of("/usr/bin", name);
		return Files.isExecutable(debian) ? debian.toString() : null;
	}

}
