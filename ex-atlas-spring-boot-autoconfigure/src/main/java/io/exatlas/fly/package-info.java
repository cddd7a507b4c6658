/**
 * Fly.io platform operations, independent of the compute providers: the token lifecycle
 * ({@code io.exatlas.fly.tokens}), log tailing and streamed deploys.
 */
@NullMarked
package io.exatlas.fly;

import org.jspecify.annotations.NullMarked;
