package dev.weft.examples;

import dev.weft.Nursery;
import dev.weft.Weft;
import dev.weft.queue.FifoQueue;
import java.time.Duration;
import java.util.Locale;
import java.util.Random;

/**
 * Seed 001, "Queue": three workers share a queue of 20 random sleeps.
 *
 * <pre>{@code
 * async def worker(name, queue):
 *     while True:
 *         # Get a "work item" out of the queue.
 *         sleep_for = await queue.get()
 *         # Sleep for the "sleep_for" seconds.
 *         await asyncio.sleep(sleep_for)
 *         # Notify the queue that the "work item" has been processed.
 *         queue.task_done()
 *         print(f'{name} has slept for {sleep_for:.2f} seconds')
 *
 * async def main():
 *     # Create a queue that we will use to store our "workload".
 *     queue = asyncio.Queue()
 *     # Generate random timings and put them into the queue.
 *     total_sleep_time = 0
 *     for _ in range(20):
 *         sleep_for = random.uniform(0.05, 1.0)
 *         total_sleep_time += sleep_for
 *         queue.put_nowait(sleep_for)
 *     # Create three worker tasks to process the queue concurrently.
 *     tasks = []
 *     for i in range(3):
 *         task = asyncio.create_task(worker(f'worker-{i}', queue))
 *         tasks.append(task)
 *     # Wait until the queue is fully processed.
 *     started_at = time.monotonic()
 *     await queue.join()
 *     total_slept_for = time.monotonic() - started_at
 *     # Cancel our worker tasks.
 *     for task in tasks:
 *         task.cancel()
 *     # Wait until all worker tasks are cancelled.
 *     await asyncio.gather(*tasks, return_exceptions=True)
 *     print('====')
 *     print(f'3 workers slept in parallel for {total_slept_for:.2f} seconds')
 *     print(f'total expected sleep time: {total_sleep_time:.2f} seconds')
 *
 * asyncio.run(main())
 * }</pre>
 *
 * The workers live in a nursery instead of loose tasks: cancelling the nursery's scope is the
 * "cancel our worker tasks" loop, and the nursery's end is the {@code gather}. The elapsed time is
 * read from the loop's clock ({@link Weft#currentTime()}) rather than {@code time.monotonic()}, so
 * that a test on the mock clock sees it too; on the real clock they agree to within the loop's
 * overhead. The random numbers come from a {@link Random} that tests can fix.
 */
public final class QueueWorkers {
  private QueueWorkers() {}

  /**
   * {@code async def worker(name, queue)}: takes sleeps from the queue until cancelled.
   *
   * @param name the worker's name, for its lines
   * @param queue the work items: seconds to sleep
   */
  public static void worker(String name, FifoQueue<Double> queue) {
    while (true) {
      double sleepFor = queue.get();
      Weft.sleep(Duration.ofNanos(Math.round(sleepFor * 1e9)));
      queue.taskDone();
      System.out.println(
          String.format(Locale.ROOT, "%s has slept for %.2f seconds", name, sleepFor));
    }
  }

  /**
   * {@code async def main()}, drawing the 20 sleeps from {@code random}.
   *
   * @param random the source of {@code random.uniform(0.05, 1.0)}
   * @throws Exception never in practice; nurseries can rethrow what their tasks threw
   */
  public static void main(Random random) throws Exception {
    FifoQueue<Double> queue = new FifoQueue<>();

    double totalSleepTime = 0;
    for (int i = 0; i < 20; i++) {
      double sleepFor = 0.05 + (1.0 - 0.05) * random.nextDouble(); // random.uniform(0.05, 1.0)
      totalSleepTime += sleepFor;
      queue.putNowait(sleepFor);
    }

    double[] totalSleptFor = new double[1];
    Nursery.open(n -> {
      for (int i = 0; i < 3; i++) {
        String name = "worker-" + i;
        n.startSoon(() -> worker(name, queue), name);
      }

      double startedAt = Weft.currentTime();
      queue.join();
      totalSleptFor[0] = Weft.currentTime() - startedAt;

      n.cancelScope().cancel(); // cancel the workers; the nursery waits for them to end
    });

    System.out.println("====");
    System.out.println(String.format(
        Locale.ROOT, "3 workers slept in parallel for %.2f seconds", totalSleptFor[0]));
    System.out.println(
        String.format(Locale.ROOT, "total expected sleep time: %.2f seconds", totalSleepTime));
  }

  /**
   * {@code asyncio.run(main())}.
   *
   * @param args ignored
   * @throws Exception if the run fails
   */
  public static void main(String[] args) throws Exception {
    Random random = new Random();
    Weft.run(() -> main(random));
  }
}
