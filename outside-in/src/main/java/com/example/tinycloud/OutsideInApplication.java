package com.example.tinycloud;

import io.exatlas.compute.Compute;
import io.exatlas.compute.ComputeRequest;
import io.exatlas.compute.ExAtlas;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.stereotype.Service;

/**
 * A user's application: one service that spawns inference pods through ExAtlas.
 */
@SpringBootApplication
public class OutsideInApplication {

	/**
	 * Run the application.
	 * @param args the command line
	 */
	public static void main(String[] args) {
		SpringApplication.run(OutsideInApplication.class, args);
	}

	/**
	 * The application's use of ExAtlas.
	 */
	@Service
	public static class InferencePods {

		private final ExAtlas exatlas;

		InferencePods(ExAtlas exatlas) {
			this.exatlas = exatlas;
		}

		/**
		 * Start a pod for an H100 running vLLM.
		 * @return the pod
		 */
		public Compute start() {
			return this.exatlas.spawn(ComputeRequest.builder().gpu("h100").image("vllm/vllm-openai:latest")
				.httpPort(8000).build());
		}

	}

}
