/**
 * The library's Spring {@code ApplicationEvent}s and the publisher they go through.
 * <p>
 * Every event extends {@link io.exatlas.event.ExAtlasEvent}. Listeners run on the publishing thread, which is often
 * a Netty event-loop thread: a listener must not block (hand slow work to an {@code @Async} listener or an
 * executor). An exception thrown by a listener is logged and never fails the library call that published the event.
 * No event carries a credential, a log line or deploy output.
 */
@NullMarked
package io.exatlas.event;

import org.jspecify.annotations.NullMarked;
