/**
 * Auto-configuration of client-side pacing ({@code exatlas.pacing.*}).
 */
@NullMarked
package io.exatlas.pacing.autoconfigure;

import org.jspecify.annotations.NullMarked;
