/**
 * Conformance kits: extend {@link io.exatlas.test.conformance.ComputeProviderConformance} to check a provider of
 * your own against the contract every built-in provider passes, {@link io.exatlas.test.conformance.ProviderFaultConformance}
 * to inject faults (transient statuses, resets, stalls, malformed bodies, ambiguous creates) through a
 * {@link io.exatlas.test.fake.FakeCloud}, and {@link io.exatlas.test.conformance.TokenStoreConformance} for a Fly
 * token store. They need JUnit Jupiter and AssertJ, which this module brings.
 */
package io.exatlas.test.conformance;
