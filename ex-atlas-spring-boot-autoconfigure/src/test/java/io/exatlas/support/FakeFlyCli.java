package io.exatlas.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;

/**
 * A fake {@code fly} executable: a shell script in its own directory that records every invocation (arguments,
 * start and end times in nanoseconds) and behaves as its mode file says. Change the behaviour between calls with
 * {@link #mode(String)}, {@link #sleepSeconds(String)} and {@link #token(String)}.
 * <p>
 * Modes: {@code token} prints {@code FlyV1 <token>}; {@code noisy} also warns on stderr; {@code empty} prints
 * nothing; {@code raw} prints the bytes given to {@link #raw(String)} exactly; {@code fail} prints an error on stderr and exits 1; {@code hang} never ends; {@code child} starts a
 * child process that never ends and waits for it; {@code orphan} prints the token and exits, leaving a child that
 * holds its output open.
 */
public final class FakeFlyCli implements AutoCloseable {

	private static final String SCRIPT = """
			#!/usr/bin/env bash
			dir="$(cd "$(dirname "$0")" && pwd)"
			start=$(date +%s%N)
			mode=$(cat "$dir/mode" 2>/dev/null || echo token)
			pause=$(cat "$dir/sleep" 2>/dev/null || echo 0)
			if [ "$pause" != "0" ]; then sleep "$pause"; fi
			case "$mode" in
			  token) echo "FlyV1 $(cat "$dir/token")" ;;
			  noisy) echo "A new release of flyctl is available" >&2; echo "FlyV1 $(cat "$dir/token")" ;;
			  empty) ;;
			  raw) cat "$dir/raw" ;;
			  fail) echo "Error: slug argument must be specified when not running interactively" >&2; echo "$start $(date +%s%N) $*" >> "$dir/invocations"; exit 1 ;;
			  hang) echo "$start hang $*" >> "$dir/invocations"; sleep 600 ;;
			  child) sleep 600 & echo $! > "$dir/child.pid"; echo "$start child $*" >> "$dir/invocations"; wait ;;
			  orphan) sleep 600 & echo $! > "$dir/child.pid"; echo "FlyV1 $(cat "$dir/token")" ;;
			  *) echo "$*" ;;
			esac
			echo "$start $(date +%s%N) $*" >> "$dir/invocations"
			""";

	private final Path directory;

	private final Path executable;

	public FakeFlyCli() {
		try {
			this.directory = Files.createTempDirectory("fake-fly-");
			this.executable = this.directory.resolve("fly");
			Files.writeString(this.executable, SCRIPT);
			Files.setPosixFilePermissions(this.executable, PosixFilePermissions.fromString("rwx------"));
			token("fm2_" + "a".repeat(40) + ",fm2_" + "b".repeat(40));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public String executable() {
		return this.executable.toString();
	}

	public FakeFlyCli mode(String mode) {
		return write("mode", mode);
	}

	public FakeFlyCli sleepSeconds(String seconds) {
		return write("sleep", seconds);
	}

	public FakeFlyCli raw(String output) {
		return mode("raw").write("raw", output);
	}

	public FakeFlyCli token(String token) {
		return write("token", token);
	}

	/** The token the script prints, with its scheme, as the chain will hold it. */
	public String printedToken() {
		return "FlyV1 " + read("token").orElseThrow().strip();
	}

	/** One entry per finished (or hanging) invocation. */
	public List<String> invocations() {
		return read("invocations").map((text) -> text.lines().toList()).orElse(List.of());
	}

	public Optional<Long> childPid() {
		return read("child.pid").map((text) -> Long.parseLong(text.strip()));
	}

	private FakeFlyCli write(String file, String content) {
		try {
			Files.writeString(this.directory.resolve(file), content);
			return this;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private Optional<String> read(String file) {
		try {
			Path path = this.directory.resolve(file);
			return Files.exists(path) ? Optional.of(Files.readString(path, StandardCharsets.UTF_8)) : Optional.empty();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		try (var files = Files.walk(this.directory)) {
			files.sorted(java.util.Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			// best effort
		}
	}

}
