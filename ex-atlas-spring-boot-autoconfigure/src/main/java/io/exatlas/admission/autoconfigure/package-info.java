/**
 * Auto-configuration of admission control ({@code exatlas.admission.*}).
 */
@NullMarked
package io.exatlas.admission.autoconfigure;

import org.jspecify.annotations.NullMarked;
