package io.exatlas.benchmarks.startup;

import java.lang.management.ManagementFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The application the start-up harness starts in fresh JVMs: a Spring MVC app with Actuator and a Prometheus
 * registry, like the sample app, started once with ExAtlas on the class path and once without. It prints how long
 * the context took to start and the JVM's uptime when it was ready, then exits.
 */
@SpringBootApplication
public class StartupApp {

	/** The line prefix the harness reads. */
	public static final String RESULT_PREFIX = "STARTUP ";

	/**
	 * Start the app, print the figures and stop it.
	 * @param args ignored
	 */
	public static void main(String[] args) {
		long start = System.nanoTime();
		ConfigurableApplicationContext context = SpringApplication.run(StartupApp.class, "--server.port=0",
				"--management.endpoints.web.exposure.include=*", "--spring.main.banner-mode=off",
				"--logging.level.root=warn", "--exatlas.default-provider=mock");
		double contextMillis = (System.nanoTime() - start) / 1_000_000.0;
		long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
		int beans = context.getBeanDefinitionCount();
		context.close();
		System.out.println(RESULT_PREFIX + contextMillis + " " + uptime + " " + beans);
	}

}
