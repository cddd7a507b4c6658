package com.example.tinycloud;

import com.example.tinycloud.OutsideInApplication.InferencePods;
import io.exatlas.compute.Compute;
import io.exatlas.compute.ComputeOperation;
import io.exatlas.compute.ComputeOperationEvent;
import io.exatlas.compute.ComputeStatus;
import io.exatlas.test.autoconfigure.AutoConfigureMockExAtlas;
import io.exatlas.test.event.ExAtlasEventRecorder;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The user's application on the mock provider, switched by {@code @AutoConfigureMockExAtlas} even though the
 * environment could hold real keys, with its events recorded.
 */
@SpringBootTest(properties = "exatlas.providers.runpod.api-key=must-never-be-used")
@AutoConfigureMockExAtlas
class OutsideInApplicationTests {

	@Autowired
	private InferencePods pods;

	@Autowired
	private ExAtlasEventRecorder events;

	@Test
	void aSpawnGoesToTheMockAndIsRecorded() {
		Compute pod = this.pods.start();
		assertThat(pod.provider()).isEqualTo("mock");
		assertThat(pod.status()).isEqualTo(ComputeStatus.RUNNING);
		assertThat(pod.url(8000)).isPresent();
		ComputeOperationEvent spawned = this.events.ofType(ComputeOperationEvent.class)
			.stream()
			.filter((event) -> event.operation() == ComputeOperation.SPAWN)
			.findFirst()
			.orElseThrow();
		assertThat(spawned.provider()).isEqualTo("mock");
	}

}
