package dev.weft.internal.core;

import dev.weft.internal.io.ParkingIoManager;
import java.util.concurrent.atomic.AtomicInteger;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.junit.jupiter.api.Test;

/**
 * The loop's cross-thread inbox, model-checked by Lincheck: threads offer callbacks while the loop
 * closes the inbox and drains it for the last time. Linearizable against the sequential inbox
 * means: a callback whose {@code tryRunSyncSoon} returned true runs exactly once, one refused
 * never runs, and none is dropped in the race with closing.
 */
public class InboxLincheckTest {
  /** Lincheck makes a fresh instance for every scenario. */
  public InboxLincheckTest() {}

  private final Inbox inbox = new Inbox(new ParkingIoManager());
  private final AtomicInteger ran = new AtomicInteger();
  private boolean finished;

  /**
   * Offers a callback from any thread.
   *
   * @return whether the inbox accepted it
   */
  @Operation
  public boolean offer() {
    return inbox.tryRunSyncSoon(ran::incrementAndGet);
  }

  /**
   * What the loop does when its run ends, once: close the inbox, then drain it for the last time.
   *
   * @return how many callbacks have run in all
   */
  @Operation(nonParallelGroup = "loop")
  public int closeAndDrain() {
    if (!finished) {
      finished = true;
      inbox.close();
      inbox.drain(t -> {});
    }
    return ran.get();
  }

  /**
   * Lincheck's model checker explores the interleavings of offers, closing and draining. (It finds
   * the lost callback at once if tryRunSyncSoon skips its re-check after posting; a hand-written
   * flood never hits that window.)
   */
  @Test
  void testModelChecking() {
    new ModelCheckingOptions()
        .actorsBefore(0)
        .threads(2)
        .actorsPerThread(2)
        .actorsAfter(0)
        .iterations(30)
        .invocationsPerIteration(500)
        .check(getClass());
  }
}
