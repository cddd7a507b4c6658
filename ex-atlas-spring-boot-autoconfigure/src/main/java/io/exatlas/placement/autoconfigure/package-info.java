/**
 * Auto-configuration of placement ({@code exatlas.placement.*}): the offer cache, the default offer order and the
 * blocking and reactive placement services.
 */
@NullMarked
package io.exatlas.placement.autoconfigure;

import org.jspecify.annotations.NullMarked;
