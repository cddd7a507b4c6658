package io.exatlas.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The ExAtlas sample application. It runs on the in-memory mock provider by default, so no cloud account is needed.
 */
@SpringBootApplication
public class SampleApplication {

	/**
	 * Start the application.
	 * @param args command-line arguments
	 */
	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
