package dev.weft.asyncio;

import java.util.Set;

/**
 * What {@link Asyncio#wait} returns: asyncio's {@code (done, pending)} pair. Both sets keep the
 * order the futures were given in.
 *
 * @param <T> the futures' value type
 * @param done the futures that had finished when the wait returned
 * @param pending the others
 */
public record WaitResult<T>(Set<AsyncFuture<T>> done, Set<AsyncFuture<T>> pending) {
  /**
   * Copies the sets.
   *
   * @param done the futures that had finished
   * @param pending the others
   */
  public WaitResult {
    done = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(done));
    pending = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(pending));
  }
}
