/**
 * Properties shared by every HTTP provider (base URL, timeouts, retries), bound under each provider's own prefix.
 */
@NullMarked
package io.exatlas.providers.http.autoconfigure;

import org.jspecify.annotations.NullMarked;
