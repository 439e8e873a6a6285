package dev.weft.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.CompositeException;
import dev.weft.Weft;
import dev.weft.cancel.CancelledError;
import dev.weft.testing.WeftTest;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** TaskGroup: a nursery whose tasks are asyncio Tasks. */
class TaskGroupTest {
  static String job(String name, int seconds) {
    Weft.sleep(Duration.ofSeconds(seconds));
    return name;
  }

  /** open returns when all tasks are done; their results are there. */
  @WeftTest
  void testResults() throws Exception {
    List<AsyncTask<String>> tasks = new ArrayList<>();
    TaskGroup.open(
        tg -> {
          tasks.add(tg.createTask(() -> job("a", 2), "a"));
          tasks.add(tg.createTask(() -> job("b", 1)));
        });
    assertEquals(2.0, Weft.currentTime());
    assertEquals("a", tasks.get(0).result());
    assertEquals("b", tasks.get(1).result());
    assertEquals("a", tasks.get(0).getName());
  }

  /** The first failure cancels the others and is rethrown as itself. */
  @WeftTest
  void testFailureCancelsSiblings() throws Exception {
    IOException boom = new IOException("boom");
    List<AsyncTask<String>> tasks = new ArrayList<>();
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                TaskGroup.open(
                    tg -> {
                      tasks.add(tg.createTask(() -> job("slow", 10)));
                      tasks.add(tg.createTask(() -> {
                        job("x", 1);
                        throw boom;
                      }));
                    }));
    assertSame(boom, e);
    assertEquals(1.0, Weft.currentTime());
    assertTrue(tasks.get(0).cancelled());
    assertSame(boom, tasks.get(1).exception());
  }

  /** Two failures become one CompositeException. */
  @WeftTest
  void testSeveralFailures() throws Exception {
    CompositeException e =
        assertThrows(
            CompositeException.class,
            () ->
                TaskGroup.open(
                    tg -> {
                      tg.createTask(() -> {
                        job("one", 1);
                        throw new IOException("one");
                      });
                      // Cancelled by the group after "one", and failing while cleaning up.
                      tg.createTask(() -> {
                        try {
                          Weft.sleepForever();
                        } catch (CancelledError cancelled) {
                          throw new IllegalStateException("two");
                        }
                        return null;
                      });
                    }));
    assertEquals(2, e.exceptions().size());
  }

  /** A task cancelled on its own ends cancelled and does not affect the group. */
  @WeftTest
  void testIndividualCancel() throws Exception {
    List<AsyncTask<String>> tasks = new ArrayList<>();
    TaskGroup.open(
        tg -> {
          tasks.add(tg.createTask(() -> job("cancel me", 10)));
          tasks.add(tg.createTask(() -> job("keep", 2)));
          Weft.sleep(Duration.ofSeconds(1));
          tasks.get(0).cancel();
        });
    assertTrue(tasks.get(0).cancelled());
    assertFalse(tasks.get(1).cancelled());
    assertEquals("keep", tasks.get(1).result());
    assertEquals(2.0, Weft.currentTime());
  }
}
