/**
 * asyncio's toolbox on weft's cancel scopes and nurseries: the event loop object, futures and
 * tasks, gather, wait, as_completed, wait_for, shield and timeouts, and asyncio's own
 * synchronisation primitives with asyncio's rules ({@link dev.weft.asyncio.AsyncLock}, {@link
 * dev.weft.asyncio.AsyncEvent}, {@link dev.weft.asyncio.AsyncCondition}, {@link
 * dev.weft.asyncio.AsyncSemaphore}, {@link dev.weft.asyncio.AsyncBoundedSemaphore}, {@link
 * dev.weft.asyncio.AsyncBarrier}; {@code dev.weft.sync} has Trio's). asyncio's {@code Task},
 * {@code Future}, {@code Lock}... are {@code AsyncTask}, {@code AsyncFuture}, {@code AsyncLock}...
 * here, so that no two public types of weft share a simple name.
 */
package dev.weft.asyncio;
