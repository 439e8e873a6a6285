/**
 * asyncio's queues for the tasks of one loop: {@link dev.weft.queue.FifoQueue} ({@code
 * asyncio.Queue}), {@link dev.weft.queue.LifoQueue} and {@link dev.weft.queue.PriorityQueue}, all
 * {@link dev.weft.queue.Queue}s with {@code put}, {@code get}, their {@code Nowait} variants,
 * {@code join} and {@code taskDone}, and {@code shutdown} as in Python 3.13.
 *
 * <h2>Usage</h2>
 *
 * {@snippet lang=java :
 * FifoQueue<String> queue = new FifoQueue<>(10);
 * Nursery.open(n -> {
 *   n.startSoon(() -> {
 *     for (String line : lines) queue.put(line); // waits while 10 are queued
 *     queue.shutdown();                          // no more items
 *   });
 *   try {
 *     while (true) System.out.println(queue.get());
 *   } catch (QueueShutDownException e) {
 *     // every line has been printed
 *   }
 * });
 * }
 *
 * <h2>Names</h2>
 *
 * The names follow asyncio, with {@code asyncio.Queue} spelled {@code FifoQueue} so that the
 * three kinds read alike and the abstract base can be {@code Queue}. Two of them have the same
 * simple names as {@code java.util.Queue} and {@code java.util.PriorityQueue}: code that imports
 * both packages must qualify one (or import the weft types by name, which then win over a {@code
 * java.util.*} import). We kept asyncio's names anyway, because they are what users of asyncio
 * look for and the JDK names are seldom needed next to them; the methods keep asyncio's names too
 * ({@code qsize}, {@code empty}, {@code full}, {@code putNowait}, {@code taskDone}).
 *
 * <h2>Queues or channels</h2>
 *
 * A queue is one object that every producer and consumer shares, with asyncio's {@code join}
 * accounting. {@code dev.weft.channel}'s memory channels (Trio's) split the two ends, close them
 * individually and are the better choice when producers finish and consumers must notice.
 */
package dev.weft.queue;
