/**
 * The in-memory {@link io.exatlas.providers.mock.MockComputeProvider}: the sample app's default and a stand-in for
 * real clouds in users' own tests.
 */
@NullMarked
package io.exatlas.providers.mock;

import org.jspecify.annotations.NullMarked;
