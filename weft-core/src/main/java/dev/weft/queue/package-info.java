/**
 * asyncio's queues for tasks of one loop: FIFO, LIFO and priority queues with {@code join} and
 * {@code taskDone}.
 */
package dev.weft.queue;
