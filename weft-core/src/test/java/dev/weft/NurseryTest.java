package dev.weft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.cancel.CancelScope;
import dev.weft.cancel.CancelledError;
import dev.weft.cancel.Timeouts;
import dev.weft.lowlevel.Task;
import dev.weft.testing.Checkpoints;
import dev.weft.testing.Trace;
import dev.weft.testing.WeftTest;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

class NurseryTest {
  private static Duration s(double seconds) {
    return Duration.ofNanos((long) (seconds * 1e9));
  }

  /** open returns only after every child has finished, and children run in start order. */
  @WeftTest
  void testOpenWaitsForChildren() throws Exception {
    List<String> log = new ArrayList<>();
    Nursery.open(
        n -> {
          n.startSoon(() -> { log.add("a start"); Weft.sleep(s(1)); log.add("a end"); }, "a");
          n.startSoon(() -> { log.add("b start"); Weft.sleep(s(2)); log.add("b end"); }, "b");
          log.add("body end");
        });
    log.add("after " + Weft.currentTime());
    assertEquals(List.of("body end", "a start", "b start", "a end", "b end", "after 2.0"), log);
  }

  /** startSoon is not a checkpoint: the child does not run until the parent checkpoints. */
  @WeftTest
  void testStartSoonIsNotACheckpoint() throws Exception {
    Trace trace = new Trace();
    Nursery.open(
        n -> {
          trace.expect(1);
          Checkpoints.assertNoCheckpoints(() -> n.startSoon(() -> trace.expect(3)));
          trace.expect(2);
          Weft.checkpoint();
          trace.expect(4);
        });
    trace.finish(5);
  }

  /** A failing child cancels its siblings and the body, and is rethrown as itself. */
  @WeftTest
  void testFailureCancelsSiblings() throws Exception {
    List<String> log = new ArrayList<>();
    IOException boom = new IOException("boom");
    IOException thrown =
        assertThrows(
            IOException.class,
            () ->
                Nursery.open(
                    n -> {
                      n.startSoon(
                          () -> {
                            try {
                              Weft.sleepForever();
                            } catch (CancelledError e) {
                              log.add("sibling cancelled at " + Weft.currentTime());
                              throw e;
                            }
                          });
                      n.startSoon(() -> { Weft.sleep(s(1)); throw boom; });
                      try {
                        Weft.sleep(s(10));
                      } catch (CancelledError e) {
                        log.add("body cancelled at " + Weft.currentTime());
                        throw e;
                      }
                    }));
    assertSame(boom, thrown);
    // The sibling sits directly in the nursery's scope and the body in its sleep's scope inside it:
    // delivery goes down the scope tree in order.
    assertEquals(List.of("sibling cancelled at 1.0", "body cancelled at 1.0"), log);
    assertEquals(1.0, Weft.currentTime());
  }

  /** catch (IOException e) compiles and works around a nursery. */
  @WeftTest
  void testCheckedFailureCanBeCaughtByType() throws Exception {
    String got;
    try {
      Nursery.open(n -> n.startSoon(() -> { throw new IOException("disk"); }));
      got = "nothing";
    } catch (IOException e) {
      got = e.getMessage();
    }
    assertEquals("disk", got);
  }

  /** Several failures are thrown as one CompositeException that holds all of them in order. */
  @WeftTest
  void testSeveralFailuresAreComposed() throws Exception {
    IllegalStateException a = new IllegalStateException("a");
    IOException b = new IOException("b");
    CompositeException c =
        assertThrows(
            CompositeException.class,
            () ->
                Nursery.open(
                    n -> {
                      n.startSoon(() -> { throw a; });
                      n.startSoon(() -> { throw b; });
                    }));
    assertEquals(List.of(a, b), c.exceptions());
    assertEquals(2, c.getSuppressed().length);
  }

  /** The body's failure and a child's failure are both kept. */
  @WeftTest
  void testBodyAndChildFailuresBothKept() throws Exception {
    RuntimeException bodyErr = new RuntimeException("body");
    RuntimeException childErr = new RuntimeException("child");
    CompositeException c =
        assertThrows(
            CompositeException.class,
            () ->
                Nursery.open(
                    n -> {
                      n.startSoon(() -> { throw childErr; });
                      try {
                        Weft.checkpoint();
                      } catch (CancelledError e) {
                        // The child has failed and cancelled us; clean-up fails too.
                        throw bodyErr;
                      }
                    }));
    assertEquals(List.of(childErr, bodyErr), c.exceptions());
  }

  /** A child that catches its CancelledError and fails differently still counts its failure. */
  @WeftTest
  void testFailureDuringCancellationIsNotLost() throws Exception {
    IOException first = new IOException("first");
    IllegalStateException cleanup = new IllegalStateException("cleanup failed");
    CompositeException c =
        assertThrows(
            CompositeException.class,
            () ->
                Nursery.open(
                    n -> {
                      n.startSoon(
                          () -> {
                            try {
                              Weft.sleepForever();
                            } catch (CancelledError e) {
                              throw cleanup;
                            }
                          });
                      n.startSoon(() -> { Weft.checkpoint(); throw first; });
                    }));
    assertEquals(List.of(first, cleanup), c.exceptions());
  }

  /** The nursery's CancelledErrors never escape: cancelling its scope ends it quietly. */
  @WeftTest
  void testCancelScopeOfNurseryEndsItQuietly() throws Exception {
    AtomicReference<Nursery> nursery = new AtomicReference<>();
    Nursery.open(
        n -> {
          nursery.set(n);
          n.startSoon(Weft::sleepForever);
          n.startSoon(Weft::sleepForever);
          Weft.sleep(s(3));
          n.cancelScope().cancel();
        });
    assertTrue(nursery.get().cancelScope().cancelledCaught());
    assertTrue(nursery.get().isClosed());
    assertEquals(3.0, Weft.currentTime());
  }

  /** Cancellation of an outer scope reaches tasks in nested nurseries, and the outer catches it. */
  @WeftTest
  void testOuterCancelReachesGrandchildren() throws Exception {
    List<String> log = new ArrayList<>();
    CancelScope outer =
        Timeouts.moveOnAfter(
            s(5),
            () ->
                Nursery.open(
                    n ->
                        n.startSoon(
                            () ->
                                Nursery.open(
                                    m ->
                                        m.startSoon(
                                            () -> {
                                              try {
                                                Weft.sleepForever();
                                              } finally {
                                                log.add("grandchild out at " + Weft.currentTime());
                                              }
                                            })))));
    assertTrue(outer.cancelledCaught());
    assertEquals(List.of("grandchild out at 5.0"), log);
  }

  /** A closed nursery rejects new tasks with a message that says what to do. */
  @WeftTest
  void testClosedNurseryRejectsTasks() throws Exception {
    AtomicReference<Nursery> saved = new AtomicReference<>();
    Nursery.open(saved::set);
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> saved.get().startSoon(() -> {}));
    assertTrue(e.getMessage().contains("closed"), e.getMessage());
  }

  /** A running child may start siblings in its own nursery, and open keeps waiting for them. */
  @WeftTest
  void testChildStartsSibling() throws Exception {
    List<String> log = new ArrayList<>();
    Nursery.open(
        n ->
            n.startSoon(
                () -> {
                  Weft.sleep(s(1));
                  n.startSoon(() -> { Weft.sleep(s(1)); log.add("late sibling " + Weft.currentTime()); });
                }));
    assertEquals(List.of("late sibling 2.0"), log);
  }

  /** start returns the value passed to started, and the task then lives in the nursery. */
  @WeftTest
  void testStartReturnsStartedValue() throws Exception {
    List<String> log = new ArrayList<>();
    Nursery.open(
        n -> {
          String port =
              n.start(
                  (TaskStatus<String> status) -> {
                    Weft.sleep(s(1));
                    status.started("port 8080");
                    assertSame(n, Weft.currentTask().parentNursery().orElseThrow());
                    Weft.sleep(s(1));
                    log.add("server done " + Weft.currentTime());
                  },
                  "server");
          log.add(port + " at " + Weft.currentTime());
        });
    assertEquals(List.of("port 8080 at 1.0", "server done 2.0"), log);
  }

  /** Before started, the task runs under the caller: its failure reaches the start call. */
  @WeftTest
  void testStartFailureBeforeStartedReachesCaller() throws Exception {
    List<String> log = new ArrayList<>();
    Nursery.open(
        n -> {
          IOException e =
              assertThrows(
                  IOException.class,
                  () -> n.start(status -> { Weft.sleep(s(1)); throw new IOException("bind failed"); }));
          log.add(e.getMessage());
        });
    assertEquals(List.of("bind failed"), log);
  }

  /** While starting, the child's eventual nursery is known and its parent is a temporary one. */
  @WeftTest
  void testEventualParentNursery() throws Exception {
    Nursery.open(
        n ->
            n.start(
                status -> {
                  Task me = Weft.currentTask();
                  assertSame(n, me.eventualParentNursery().orElseThrow());
                  assertFalse(me.parentNursery().orElseThrow() == n);
                  status.started();
                  assertTrue(me.eventualParentNursery().isEmpty());
                  assertSame(n, me.parentNursery().orElseThrow());
                }));
  }

  /** A task that ends without calling started makes start fail with a clear error. */
  @WeftTest
  void testStartWithoutStartedIsAnError() throws Exception {
    Nursery.open(
        n -> {
          IllegalStateException e =
              assertThrows(IllegalStateException.class, () -> n.start(status -> {}));
          assertTrue(e.getMessage().contains("started()"), e.getMessage());
        });
  }

  /** Calling started twice is an error. */
  @WeftTest
  void testStartedTwiceIsAnError() throws Exception {
    Nursery.open(
        n ->
            n.start(
                status -> {
                  status.started();
                  assertThrows(IllegalStateException.class, status::started);
                }));
  }

  /** Cancelling the caller of start before started cancels the starting task. */
  @WeftTest
  void testCancelBeforeStartedCancelsChild() throws Exception {
    List<String> log = new ArrayList<>();
    Nursery.open(
        n -> {
          // The body returns start's value, so this is the Callable overload: empty on timeout.
          Optional<Object> started =
              Timeouts.moveOnAfter(
                  s(1),
                  () ->
                      n.start(
                          status -> {
                            try {
                              Weft.sleepForever();
                            } finally {
                              log.add("child cancelled at " + Weft.currentTime());
                            }
                          }));
          assertTrue(started.isEmpty());
        });
    assertEquals(List.of("child cancelled at 1.0"), log);
  }

  /** After started, cancelling the caller's scope no longer reaches the child. */
  @WeftTest
  void testStartedChildEscapesCallerScope() throws Exception {
    List<String> log = new ArrayList<>();
    Nursery.open(
        n ->
            Timeouts.moveOnAfter(
                s(1),
                () -> {
                  n.start(
                      status -> {
                        status.started();
                        Weft.sleep(s(3));
                        log.add("child finished at " + Weft.currentTime());
                      });
                  Weft.sleepForever();
                }));
    assertEquals(List.of("child finished at 3.0"), log);
  }

  /** The task tree: parent nursery, child tasks, child nurseries. */
  @WeftTest
  void testTaskTree() throws Exception {
    Task main = Weft.currentTask();
    assertEquals("weft-main", main.name());
    assertTrue(main.parentNursery().isEmpty());
    Nursery.open(
        n -> {
          n.startSoon(Weft::sleepForever, "sleeper");
          Weft.checkpoint();
          assertEquals(List.of(n), main.childNurseries());
          assertSame(main, n.parentTask().orElseThrow());
          List<Task> kids = n.childTasks();
          assertEquals(1, kids.size());
          assertEquals("sleeper", kids.get(0).name());
          assertSame(n, kids.get(0).parentNursery().orElseThrow());
          n.cancelScope().cancel();
        });
    assertEquals(List.of(), main.childNurseries());
  }

  /** Task threads carry the task's name, so thread dumps are readable. */
  @WeftTest
  void testThreadIsNamedAfterTask() throws Exception {
    AtomicReference<String> name = new AtomicReference<>();
    Nursery.open(n -> n.startSoon(() -> name.set(Thread.currentThread().getName()), "worker-7"));
    assertEquals("worker-7", name.get());
  }

  /**
   * A task started without a name is "task-N", N its id, and its thread is unnamed: the name is
   * made only when asked for, not per spawn (issue 12, spawn_join).
   */
  @WeftTest
  void testDefaultNameIsMadeFromTheId() throws Exception {
    AtomicReference<Task> task = new AtomicReference<>();
    AtomicReference<String> thread = new AtomicReference<>();
    Nursery.open(
        n ->
            n.startSoon(
                () -> {
                  task.set(Weft.currentTask());
                  thread.set(Thread.currentThread().getName());
                }));
    assertEquals("task-" + task.get().id(), task.get().name());
    assertTrue(task.get().toString().contains("task-" + task.get().id()));
    assertEquals("", thread.get());
  }

  /** The end of open is a schedule point even with no children. */
  @WeftTest
  void testOpenIsASchedulePoint() throws Exception {
    Task me = Weft.currentTask();
    long before = me.schedulePoints();
    Nursery.open(n -> {});
    assertTrue(me.schedulePoints() > before);
  }
}
