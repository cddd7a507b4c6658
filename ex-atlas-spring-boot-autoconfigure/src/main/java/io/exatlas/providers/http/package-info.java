/**
 * The HTTP plumbing every real provider shares, written once: WebClients built from Boot's
 * {@code WebClient.Builder} and connector settings ({@link io.exatlas.providers.http.ProviderHttpClientFactory}),
 * per-request credentials, bounded retries for idempotent requests that honour {@code Retry-After}
 * ({@link io.exatlas.providers.http.RetryPolicy}), mapping of statuses and transport failures to
 * {@link io.exatlas.ErrorKind}s, and a {@link io.exatlas.providers.http.ProviderRequestEvent} after every attempt.
 * Providers contribute only endpoints and translation.
 */
@NullMarked
package io.exatlas.providers.http;

import org.jspecify.annotations.NullMarked;
