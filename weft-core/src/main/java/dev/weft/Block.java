package dev.weft;

/**
 * A block of code that returns nothing and may throw: the body of a task, a scope or a run.
 *
 * <p>It is {@link Runnable} with a {@code throws Exception} clause, so that a task body can call
 * methods that throw checked exceptions and let them reach the nursery or caller that waits for
 * it. Where weft also accepts a {@link java.util.concurrent.Callable}, Java picks the {@code
 * Callable} overload for a lambda that returns a value and this one for a lambda that does not.
 */
@FunctionalInterface
public interface Block {
  /**
   * Runs the block.
   *
   * @throws Exception whatever the block throws; weft passes it on unchanged
   */
  void run() throws Exception;
}
