/**
 * RunPod's wire translation, one translator per API (pods over REST v2, spot pods and GPU prices over GraphQL,
 * serverless jobs), and the validated spec a spawn request is translated into once. <strong>Not API</strong>.
 */
@NullMarked
package io.exatlas.providers.runpod.internal;

import org.jspecify.annotations.NullMarked;
