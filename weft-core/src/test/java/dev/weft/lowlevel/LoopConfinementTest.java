package dev.weft.lowlevel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Weft;
import dev.weft.sync.Barrier;
import dev.weft.sync.BoundedSemaphore;
import dev.weft.sync.CapacityLimiter;
import dev.weft.sync.Condition;
import dev.weft.sync.Event;
import dev.weft.sync.Lock;
import dev.weft.sync.Semaphore;
import dev.weft.sync.StrictFifoLock;
import dev.weft.testing.WeftTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Every primitive belongs to the loop it is first used in, and refuses any other loop or thread
 * the same way, on every method, before it changes anything: even the calls that would succeed
 * without waiting (an uncontended tryAcquire, Event.clear).
 */
class LoopConfinementTest {
  private final Lock lock = new Lock();
  private final StrictFifoLock fifo = new StrictFifoLock();
  private final Semaphore semaphore = new Semaphore(1);
  private final BoundedSemaphore bounded = new BoundedSemaphore(1);
  private final Event event = new Event();
  private final CapacityLimiter limiter = new CapacityLimiter(1);
  private final Barrier barrier = new Barrier(2);
  private final Condition condition = new Condition();

  /** The calls tried from elsewhere, by public name; each would succeed at once in its own loop. */
  private Map<String, Runnable> calls() {
    Map<String, Runnable> m = new LinkedHashMap<>();
    m.put("Lock.tryAcquire", lock::tryAcquire);
    m.put("StrictFifoLock.tryAcquire", fifo::tryAcquire);
    m.put("Semaphore.tryAcquire", semaphore::tryAcquire);
    m.put("BoundedSemaphore.release", bounded::release);
    m.put("Event.clear", event::clear);
    m.put("CapacityLimiter.tryAcquire", limiter::tryAcquire);
    m.put("Barrier.reset", barrier::reset);
    m.put("Condition.tryAcquire", condition::tryAcquire);
    m.put("Lock.statistics", lock::statistics);
    return m;
  }

  private void bindAndCheckUnchanged() {
    assertFalse(lock.isLocked());
    assertFalse(fifo.isLocked());
    assertEquals(1, semaphore.value());
    assertEquals(1, bounded.value());
    assertTrue(event.isSet());
    assertEquals(1, limiter.availableTokens());
    assertFalse(barrier.isBroken());
    assertFalse(condition.lock().isLocked());
  }

  /** {@return the message each call threw, run on {@code where}} */
  private List<String> attemptAll(java.util.function.Consumer<Runnable> where) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, Runnable> c : calls().entrySet()) {
      AtomicReference<Throwable> error = new AtomicReference<>();
      where.accept(
          () -> {
            try {
              c.getValue().run();
            } catch (Throwable e) {
              error.set(e);
            }
          });
      Throwable e = error.get();
      assertTrue(e instanceof IllegalStateException, c.getKey() + " threw " + e);
      assertTrue(e.getMessage().startsWith(c.getKey()), e.getMessage());
      out.add(e.getMessage().substring(c.getKey().length()).replaceAll("thread '[^']*'", "thread"));
    }
    return out;
  }

  private static void onPlainThread(Runnable r) {
    try {
      Thread.ofPlatform().start(r).join(Duration.ofSeconds(10));
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  private static void inAnotherLoop(Runnable r) {
    onPlainThread(
        () -> {
          try {
            Weft.run(r::run);
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        });
  }

  /** Another loop is refused, with one message for all, and nothing changed. */
  @WeftTest
  void testAnotherLoopRefused() throws Exception {
    assertRefusedAlike(
        LoopConfinementTest::inAnotherLoop, ": this object belongs to another weft loop");
  }

  /** A thread outside every loop is refused the same way, and nothing changed. */
  @WeftTest
  void testPlainThreadRefused() throws Exception {
    assertRefusedAlike(
        LoopConfinementTest::onPlainThread, " must be called from a weft task or loop callback");
  }

  private void assertRefusedAlike(java.util.function.Consumer<Runnable> where, String message) {
    event.set();
    bindAndCheckUnchanged();
    List<String> messages = attemptAll(where);
    assertEquals(1, messages.stream().distinct().count(), messages.toString());
    assertTrue(messages.get(0).startsWith(message), messages.get(0));
    bindAndCheckUnchanged();
  }

  /** A loop callback is part of the loop: it may use the loop's primitives. */
  @WeftTest
  void testLoopCallbackAllowed() throws Exception {
    assertFalse(event.isSet()); // binds the event to this loop
    Scheduling.currentRunToken().runSyncSoon(event::set);
    event.await();
    assertTrue(event.isSet());
  }

  /** An unused primitive binds to the first loop that uses it, whichever that is. */
  @WeftTest
  void testFirstUseBinds() throws Exception {
    LoopConfinement c = new LoopConfinement();
    assertTrue(c.loop().isEmpty());
    c.check("X.y");
    assertEquals(EventLoop.current(), c.loop());
  }

  /** ofCurrentLoop binds where it is made: a hand-over before first use is refused too. */
  @WeftTest
  void testOfCurrentLoopBindsAtCreation() throws Exception {
    LoopConfinement c = LoopConfinement.ofCurrentLoop();
    assertEquals(EventLoop.current(), c.loop());
    AtomicReference<Throwable> error = new AtomicReference<>();
    inAnotherLoop(
        () -> {
          try {
            c.check("X.y");
          } catch (Throwable e) {
            error.set(e);
          }
        });
    assertTrue(error.get() instanceof IllegalStateException, String.valueOf(error.get()));
    assertTrue(error.get().getMessage().startsWith("X.y: this object belongs to another weft loop"));
    assertEquals(EventLoop.current(), c.loop());
  }

  /** Outside every loop, ofCurrentLoop leaves the object for its first use to bind. */
  @Test
  void testOfCurrentLoopOutsideLoopUnbound() {
    assertTrue(LoopConfinement.ofCurrentLoop().loop().isEmpty());
  }
}
