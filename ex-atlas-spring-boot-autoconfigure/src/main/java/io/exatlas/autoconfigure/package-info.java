/**
 * Spring Boot auto-configuration for ExAtlas: one {@code @AutoConfiguration} per area, each bean replaceable by
 * declaring one of the same type, properties under {@code exatlas.*}.
 */
@NullMarked
package io.exatlas.autoconfigure;

import org.jspecify.annotations.NullMarked;
