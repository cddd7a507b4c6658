/**
 * Auto-configuration of the Lambda Cloud provider and its {@code exatlas.providers.lambda-labs.*} properties.
 */
@NullMarked
package io.exatlas.providers.lambda.autoconfigure;

import org.jspecify.annotations.NullMarked;
