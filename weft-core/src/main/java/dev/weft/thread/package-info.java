/**
 * Bridges between a loop's tasks and other threads. Today: {@link
 * dev.weft.thread.CompletionStages}, which lets a task wait for a {@link
 * java.util.concurrent.CompletionStage} that another thread completes, delivers a stage's outcome
 * to a loop, and hands other threads a {@link java.util.concurrent.CompletableFuture} whose
 * cancellation reaches the loop. Offloading work to threads (Trio's {@code to_thread}) and calling
 * into a loop from a thread (Trio's {@code from_thread}) will live here too.
 *
 * <p>asyncio's {@code wrapFuture}, {@code await(CompletionStage)} and {@code
 * AsyncFuture.toCompletableFuture} are built on these.
 */
package dev.weft.thread;
