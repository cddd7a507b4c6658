package io.exatlas.benchmarks;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.exatlas.benchmarks.startup.StartupApp;

/**
 * Starts {@link StartupApp} in fresh JVMs, alternately with ExAtlas on the class path and without it (the same
 * class path minus the ExAtlas modules), and compares the context start times and the JVM uptimes at ready.
 */
final class StartupHarness {

	private final int rounds;

	StartupHarness(int rounds) {
		this.rounds = rounds;
	}

	List<ReportRow> run() throws IOException, InterruptedException {
		String withExAtlas = System.getProperty("java.class.path");
		String withoutExAtlas = Arrays.stream(withExAtlas.split(File.pathSeparator))
			.filter((entry) -> !isExAtlas(Path.of(entry)))
			.collect(Collectors.joining(File.pathSeparator));
		if (withoutExAtlas.equals(withExAtlas)) {
			throw new IllegalStateException("ExAtlas is not on the class path: " + withExAtlas);
		}
		double[][] with = new double[2][this.rounds];
		double[][] without = new double[2][this.rounds];
		int beansWith = 0;
		int beansWithout = 0;
		start(withExAtlas);
		start(withoutExAtlas);
		for (int round = 0; round < this.rounds; round++) {
			double[] a = start(withExAtlas);
			double[] b = start(withoutExAtlas);
			with[0][round] = a[0];
			with[1][round] = a[1];
			without[0][round] = b[0];
			without[1][round] = b[1];
			beansWith = (int) a[2];
			beansWithout = (int) b[2];
		}
		Samples contextWith = new Samples(with[0]);
		Samples contextWithout = new Samples(without[0]);
		Samples uptimeWith = new Samples(with[1]);
		Samples uptimeWithout = new Samples(without[1]);
		return List.of(
				new ReportRow("Start-up (MVC + Actuator + Prometheus app): context start with ExAtlas / without",
						contextWith.ratioTo(contextWithout) + " (" + contextWith.format("ms") + " vs "
								+ contextWithout.format("ms") + "; " + beansWith + " vs " + beansWithout + " beans)",
						"<= 1.15x"),
				new ReportRow("Start-up: JVM uptime at ready with ExAtlas / without",
						uptimeWith.ratioTo(uptimeWithout) + " (" + uptimeWith.format("ms") + " vs "
								+ uptimeWithout.format("ms") + ")",
						"<= 1.15x"));
	}

	/** An ExAtlas jar, or an ExAtlas module's {@code target/classes} in a reactor build. */
	private static boolean isExAtlas(Path entry) {
		Path module = (entry.endsWith(Path.of("target", "classes"))) ? entry.getParent().getParent() : entry;
		return module != null && module.getFileName() != null
				&& module.getFileName().toString().startsWith("ex-atlas-spring-boot-");
	}

	private static double[] start(String classPath) throws IOException, InterruptedException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process process = new ProcessBuilder(java, "-cp", classPath, StartupApp.class.getName()).redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
			process.destroyForcibly();
			throw new IllegalStateException("the start-up app failed:\n" + output);
		}
		List<String> result = new ArrayList<>();
		output.lines().filter((line) -> line.startsWith(StartupApp.RESULT_PREFIX)).forEach(result::add);
		if (result.size() != 1) {
			throw new IllegalStateException("the start-up app printed no result:\n" + output);
		}
		String[] figures = result.get(0).substring(StartupApp.RESULT_PREFIX.length()).split(" ");
		return new double[] { Double.parseDouble(figures[0]), Double.parseDouble(figures[1]),
				Double.parseDouble(figures[2]) };
	}

}
