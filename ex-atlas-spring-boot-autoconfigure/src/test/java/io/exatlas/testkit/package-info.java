/**
 * Conformance kits shipped in the {@code test-jar} of {@code ex-atlas-spring-boot-autoconfigure}: extend one to
 * check your own {@link io.exatlas.compute.ComputeProvider} (or token store) against the contract every built-in
 * implementation passes. They need JUnit Jupiter and AssertJ on the test classpath.
 */
package io.exatlas.testkit;
