/**
 * Auto-configuration of spend accounting ({@code exatlas.spend.*}).
 */
@NullMarked
package io.exatlas.spend.autoconfigure;

import org.jspecify.annotations.NullMarked;
