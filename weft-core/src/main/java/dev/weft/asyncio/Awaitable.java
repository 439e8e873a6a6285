package dev.weft.asyncio;

/**
 * Something a task can wait for the value of: asyncio's <em>awaitable</em>.
 *
 * <p>A {@link AsyncFuture} or an {@link AsyncTask} is awaitable, and so is any lambda: a lambda plays the part
 * of a coroutine object, code that runs when awaited. {@code Asyncio.gather(() -> a(), () -> b())}
 * wraps each lambda in a task, as asyncio wraps coroutines; {@code aw.await()} on a lambda simply
 * runs it in the calling task.
 *
 * @param <T> the type of the value
 */
@FunctionalInterface
public interface Awaitable<T> {
  /**
   * Waits for the value and returns it, or throws the failure as itself.
   *
   * @return the value
   * @throws Exception what the awaited work threw
   */
  T await() throws Exception;
}
