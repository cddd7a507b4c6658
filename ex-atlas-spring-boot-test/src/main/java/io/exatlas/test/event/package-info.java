/**
 * Recorders of the library's events: {@link io.exatlas.test.event.RecordingEventPublisher} for components built by
 * hand and {@link io.exatlas.test.event.ExAtlasEventRecorder} for an application context.
 */
package io.exatlas.test.event;
