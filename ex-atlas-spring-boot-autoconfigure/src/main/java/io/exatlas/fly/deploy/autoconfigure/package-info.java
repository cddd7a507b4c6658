/**
 * Auto-configuration of streamed Fly.io deploys.
 */
@NullMarked
package io.exatlas.fly.deploy.autoconfigure;

import org.jspecify.annotations.NullMarked;
