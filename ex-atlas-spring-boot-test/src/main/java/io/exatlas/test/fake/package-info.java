/**
 * Fakes for a provider's tests: {@link io.exatlas.test.fake.FakeCloud}, a real local HTTP server to extend with a
 * cloud's routes and to inject faults into, and {@link io.exatlas.test.fake.TestProviderClients}, provider HTTP
 * clients wired for tests (short timeouts, three retries whose delays are recorded instead of waited, events
 * recorded), and {@link io.exatlas.test.fake.FakeGpuCloud}, a stateful GPU cloud at the provider SPI with offers,
 * capacity and scripted failures for placement tests.
 */
package io.exatlas.test.fake;
