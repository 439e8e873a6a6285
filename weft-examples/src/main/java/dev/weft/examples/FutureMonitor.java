package dev.weft.examples;

import static dev.weft.asyncio.Asyncio.gather;

import dev.weft.RunConfig;
import dev.weft.asyncio.Asyncio;
import dev.weft.asyncio.AsyncFuture;
import dev.weft.asyncio.Loop;
import dev.weft.asyncio.AsyncTask;
import java.time.Duration;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Seed 004, "Getting to grips with asyncio": a cooperative search over the Lucas sequence for the
 * first thirteen-digit prime, watched by a monitor task that prints {@code Waiting...} every
 * second. Its three cells, "Future", "Task" and "Waiting for tasks", are {@link
 * #runWithFuture}, {@link #runWithTask} and {@link #runWithGather}.
 *
 * <pre>{@code
 * async def monitored_search(iterable, predicate, future):
 *     try:
 *         found_item = await search(iterable, predicate)
 *     except ValueError as not_found:
 *         future.set_exception(not_found)
 *     else:  # no exception
 *         future.set_result(found_item)
 *
 * async def monitor_future(future, interval_seconds):
 *     while not future.done():
 *         print("Waiting...")
 *         await asyncio.sleep(interval_seconds)
 *     print("Done")
 *
 * async def thirteen_digit_prime(x):
 *     return (await is_prime(x)) and (len(str(x)) == 13
 *
 * loop = asyncio.get_event_loop()
 * future = loop.create_future()  # Create
 * co_obj = monitored_search(lucas(), thirteen_digit_prime, future)
 * loop.create_task(co_obj)
 * loop.create_task(monitor_future(future, 1.0))
 * loop.run_until_complete(future)
 * print(future.result())
 * loop.close()
 * }</pre>
 *
 * The seed shows {@code lucas()} and the blocking {@code search}; its {@code is_prime} is the
 * talk's trial division that yields with {@code await asyncio.sleep(0)} after every divisor it
 * tries, and its {@code search} is the cooperative one (it awaits the predicate). The answer is
 * L(61) = 5600748293801; proving it prime takes about 2.8 million trial divisions, so the monitor
 * gets to print several times. The program prints {@code Waiting...} once a second, then the
 * prime. It does not print {@code Done}: {@code run_until_complete(future)} returns as soon as the
 * future has its result, while the monitor is still asleep; {@code close()} then cancels the
 * monitor (asyncio instead warns "Task was destroyed but it is pending!", the "small bug" of the
 * seed's "Waiting for tasks" cell). The gather of that cell fixes it: {@link #runWithGather} waits
 * for the monitor too, which notices the search is done at its next tick and prints {@code Done}.
 *
 * <h2>Time</h2>
 *
 * On the real clock the search is CPU work: loop time passes because the trial divisions take
 * real time, and the number of {@code Waiting...} lines depends on the machine. A test runs on a
 * mock clock, which moves only when every task waits; there the CPU work would take no time at
 * all, and the monitor would print once. So how {@code is_prime} yields is a parameter, {@link
 * Pause}: {@link #SEED_PAUSE} is the seed's {@code sleep(0)}, and the test passes a pause that
 * sleeps 1 ms of virtual time every 1000 divisions, a stand-in for the CPU time, which makes the
 * search last about 2.8 s of loop time on any machine.
 *
 * <p>Python's {@code ValueError("Not Found")} becomes {@link NoSuchElementException}. The search
 * functions are not marked {@code async}: any weft method may wait, so the predicate is an
 * ordinary {@link Predicate}.
 */
public final class FutureMonitor {
  /** How {@code is_prime} yields control to other tasks between two trial divisions. */
  @FunctionalInterface
  public interface Pause {
    /** Lets other tasks run (may sleep). */
    void pause();
  }

  /** The seed's pause: {@code await asyncio.sleep(0)}, a checkpoint that does not wait. */
  public static final Pause SEED_PAUSE = () -> Asyncio.sleep(Duration.ZERO);

  // immutable state
  private final Pause pause;

  /**
   * Creates the search with the given way of yielding.
   *
   * @param pause what {@code is_prime} calls between two trial divisions
   */
  public FutureMonitor(Pause pause) {
    this.pause = pause;
  }

  /**
   * {@code def lucas()}: the Lucas numbers 2, 1, 3, 4, 7, 11, ...
   *
   * @return an endless iterator over them
   */
  public static Iterator<Long> lucas() {
    return Stream.iterate(new long[] {2, 1}, p -> new long[] {p[1], p[0] + p[1]})
        .map(p -> p[0])
        .iterator();
  }

  /**
   * {@code async def search(iterable, predicate)}: the first item the predicate accepts.
   *
   * @param <T> the item type
   * @param iterable the items
   * @param predicate the test, which may wait
   * @return the first item that passes
   * @throws NoSuchElementException if none does ({@code ValueError("Not Found")})
   */
  public static <T> T search(Iterator<T> iterable, Predicate<T> predicate) {
    while (iterable.hasNext()) {
      T item = iterable.next();
      if (predicate.test(item)) {
        return item;
      }
    }
    throw new NoSuchElementException("Not Found");
  }

  /**
   * {@code async def is_prime(x)}: trial division, pausing after each divisor tried.
   *
   * @param x the number
   * @return whether it is prime
   */
  public boolean isPrime(long x) {
    if (x < 2) {
      return false;
    }
    for (long i = 2, root = (long) Math.sqrt(x); i <= root; i++) {
      if (x % i == 0) {
        return false;
      }
      pause.pause();
    }
    return true;
  }

  /**
   * {@code async def thirteen_digit_prime(x)}.
   *
   * @param x the number
   * @return whether it is a prime with thirteen digits
   */
  public boolean thirteenDigitPrime(long x) {
    return isPrime(x) && Long.toString(x).length() == 13;
  }

  /**
   * {@code async def monitored_search(iterable, predicate, future)}: searches, and puts the
   * outcome into {@code future}.
   *
   * @param <T> the item type
   * @param iterable the items
   * @param predicate the test
   * @param future receives the item found, or the {@code NoSuchElementException}
   * @return nothing ({@code null}); a task's function returns a value
   */
  public static <T> Void monitoredSearch(
      Iterator<T> iterable, Predicate<T> predicate, AsyncFuture<T> future) {
    T foundItem;
    try {
      foundItem = search(iterable, predicate);
    } catch (NoSuchElementException notFound) {
      future.setException(notFound);
      return null;
    }
    future.setResult(foundItem);
    return null;
  }

  /**
   * {@code async def monitor_future(future, interval_seconds)}: prints {@code Waiting...} every
   * interval until the future is done, then {@code Done}.
   *
   * @param future the future (or task) to watch
   * @param intervalSeconds the interval
   * @return nothing ({@code null}); a task's function returns a value
   */
  public static Void monitorFuture(AsyncFuture<?> future, double intervalSeconds) {
    while (!future.done()) {
      System.out.println("Waiting...");
      Asyncio.sleep(Duration.ofNanos((long) (intervalSeconds * 1e9)));
    }
    System.out.println("Done");
    return null;
  }

  /**
   * The "Future" cell: a future of the loop, set by the search task, watched by the monitor.
   *
   * @param options the loop's configuration changes (tests pass a mock clock)
   * @throws Exception if the search failed
   */
  public void runWithFuture(UnaryOperator<RunConfig> options) throws Exception {
    Loop loop = Loop.newEventLoop(options);
    try {
      AsyncFuture<Long> future = loop.createFuture(); // Create
      loop.createTask(() -> monitoredSearch(lucas(), this::thirteenDigitPrime, future), null);
      loop.createTask(() -> monitorFuture(future, 1.0), null);
      loop.runUntilComplete(future);
      System.out.println(future.result());
    } finally {
      loop.close();
    }
  }

  /**
   * The "Task" cell: a task is a future, so the monitor watches the search task itself.
   *
   * @param options the loop's configuration changes (tests pass a mock clock)
   * @throws Exception if the search failed
   */
  public void runWithTask(UnaryOperator<RunConfig> options) throws Exception {
    Loop loop = Loop.newEventLoop(options);
    try {
      AsyncTask<Long> searchTask =
          loop.createTask(() -> search(lucas(), this::thirteenDigitPrime), null);
      loop.createTask(() -> monitorFuture(searchTask, 1.0), null);
      loop.runUntilComplete(searchTask);
      System.out.println(searchTask.result());
    } finally {
      loop.close();
    }
  }

  /**
   * The "Waiting for tasks" cell: running until the gather of the search and the monitor lets
   * the monitor print {@code Done} before the loop closes. The gather is passed as a lambda, which
   * runs as a task of the loop (weft's {@code gather} needs a running loop).
   *
   * @param options the loop's configuration changes (tests pass a mock clock)
   * @throws Exception if the search failed
   */
  public void runWithGather(UnaryOperator<RunConfig> options) throws Exception {
    Loop loop = Loop.newEventLoop(options);
    try {
      AsyncTask<Long> searchTask =
          loop.createTask(() -> search(lucas(), this::thirteenDigitPrime), null);
      AsyncTask<Void> monitorTask = loop.createTask(() -> monitorFuture(searchTask, 1.0), null);
      loop.runUntilComplete(() -> gather(searchTask, monitorTask).await());
      System.out.println(searchTask.result());
    } finally {
      loop.close();
    }
  }

  /**
   * Runs the three cells on the real clock, with the seed's {@code sleep(0)}.
   *
   * @param args ignored
   * @throws Exception if a search fails
   */
  public static void main(String[] args) throws Exception {
    FutureMonitor seed = new FutureMonitor(SEED_PAUSE);
    seed.runWithFuture(c -> c);
    System.out.println("-- a Task is a Future: monitor the search task itself --");
    seed.runWithTask(c -> c);
    System.out.println("-- run until the gather of both, so the monitor prints Done --");
    seed.runWithGather(c -> c);
  }
}
