package dev.weft.sync;

import java.io.Serial;

/**
 * Thrown by {@link Barrier#await()} when the barrier is broken: it was {@link Barrier#abort()
 * aborted}, or {@link Barrier#reset() reset} while the task waited (asyncio's {@code
 * BrokenBarrierError}). Unchecked, like weft's other usage errors.
 *
 * <p>The JDK has a checked {@code java.util.concurrent.BrokenBarrierException} of the same simple
 * name for {@code CyclicBarrier}; code that imports both must qualify one of them.
 */
public class BrokenBarrierException extends RuntimeException {
  @Serial private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what broke the barrier and what to do
   */
  public BrokenBarrierException(String message) {
    super(message);
  }
}
