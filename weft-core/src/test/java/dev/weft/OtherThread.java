package dev.weft;

/** Runs a call on a fresh platform thread, outside every loop, for tests of the thread rules. */
public final class OtherThread {
  private OtherThread() {}

  /**
   * Runs {@code call} on a new platform thread, waits for it, and returns what it threw.
   *
   * <p>Use it only for calls that fail (or finish) without waiting for the loop: on the portable
   * engine the join holds the loop's turn, so a call that needed the loop would deadlock.
   *
   * @param call the call
   * @return what it threw, or null if it returned
   * @throws InterruptedException if interrupted while waiting
   */
  public static Throwable thrownBy(Runnable call) throws InterruptedException {
    Throwable[] seen = new Throwable[1];
    Thread.ofPlatform()
        .start(
            () -> {
              try {
                call.run();
              } catch (Throwable e) {
                seen[0] = e;
              }
            })
        .join();
    return seen[0];
  }
}
