package io.exatlas.fly.deploy;

import java.nio.file.Path;

/**
 * A Fly app found in a project.
 *
 * @param name the app name from {@code fly.toml}
 * @param directory the directory holding that {@code fly.toml}, relative to the project directory
 */
public record FlyApp(String name, Path directory) {
}
