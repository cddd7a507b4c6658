/**
 * The RunPod provider. Three thin clients mirror RunPod's three APIs:
 * {@link io.exatlas.providers.runpod.RunPodRestClient} (management REST v2: pods, templates, network volumes,
 * serverless endpoints, billing), {@link io.exatlas.providers.runpod.RunPodRuntimeClient} (the serverless runtime of
 * an endpoint) and {@link io.exatlas.providers.runpod.RunPodGraphQlClient} (pricing and spot pods, which only the
 * GraphQL API offers). {@link io.exatlas.providers.runpod.RunPodComputeProvider} adapts them to the portable API,
 * with the wire translation in {@code io.exatlas.providers.runpod.internal}: a request is translated once into a
 * validated {@code RunPodPodSpec}, and the REST create, the GraphQL spot rent and the serverless job bodies are built
 * by one translator per API.
 */
@NullMarked
package io.exatlas.providers.runpod;

import org.jspecify.annotations.NullMarked;
