/**
 * Auto-configuration of the Micrometer meters fed by the library's events ({@code exatlas.metrics.*}).
 */
@NullMarked
package io.exatlas.metrics.autoconfigure;

import org.jspecify.annotations.NullMarked;
