package dev.weft.internal.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Nursery;
import dev.weft.Weft;
import dev.weft.lowlevel.Scheduling;
import dev.weft.testing.WeftTest;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * RunLoop#taskThreads, what a JDK thread dump asks a fast-engine loop's thread container: exact
 * when asked on a quiet loop, and from another thread while the loop spawns and ends tasks, it
 * neither throws nor fails to return.
 */
class TaskThreadsTest {
  /** With every task parked, the answer is the main task's thread and each child's. */
  @WeftTest
  void testQuietLoopNamesEveryLiveTaskThread() throws Exception {
    RunLoop loop = RunLoop.currentOrNull();
    Nursery.open(
        n -> {
          for (int i = 0; i < 5; i++) {
            n.startSoon(() -> Weft.sleep(Duration.ofSeconds(1)), "sleeper-" + i);
          }
          Scheduling.awaitAllTasksBlocked(Duration.ZERO);
          Set<String> names = new HashSet<>();
          for (Thread t : loop.taskThreads()) {
            names.add(t.getName());
          }
          assertEquals(
              Set.of(
                  RunLoop.MAIN_TASK_NAME,
                  "sleeper-0",
                  "sleeper-1",
                  "sleeper-2",
                  "sleeper-3",
                  "sleeper-4"),
              names);
          n.cancelScope().cancel();
        });
    assertEquals(List.of(Thread.currentThread()), loop.taskThreads());
  }

  /** Read from a platform thread, without a lock, while nested nurseries come and go. */
  @WeftTest
  void testReadFromAnotherThreadWhileTheTreeChanges() throws Exception {
    RunLoop loop = RunLoop.currentOrNull();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong reads = new AtomicLong();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread reader =
        Thread.ofPlatform()
            .start(
                () -> {
                  try {
                    while (!stop.get()) {
                      loop.taskThreads().forEach(t -> assertTrue(t.isVirtual()));
                      reads.incrementAndGet();
                    }
                  } catch (Throwable e) {
                    failure.set(e);
                  }
                });
    try {
      for (int round = 0; round < 300; round++) {
        Nursery.open(
            n -> {
              for (int i = 0; i < 20; i++) {
                n.startSoon(
                    () ->
                        Nursery.open(
                            inner -> {
                              inner.startSoon(Weft::checkpoint);
                              Weft.checkpoint();
                            }));
              }
            });
      }
    } finally {
      stop.set(true);
      reader.join(Duration.ofSeconds(30));
    }
    assertTrue(!reader.isAlive(), "a read never returned");
    assertNull(failure.get());
    assertTrue(reads.get() > 0);
  }
}
