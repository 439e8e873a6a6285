package dev.weft.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.CompositeException;
import dev.weft.Engine;
import dev.weft.Hostile;
import dev.weft.Weft;
import dev.weft.testing.MockClock;
import dev.weft.testing.WeftTest;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * No asyncio failure is lost: a close() failing while a task is cancelled from outside, and user
 * objects that misbehave while being described, whose errors are still reported while the loop
 * keeps running (issue 11, items 1 and 2).
 */
@SuppressWarnings("try") // the resources exist only to fail in close()
class AsyncFailuresTest {
  /** An unretrieved exception whose toString() throws does not stop the other close-time reports. */
  @ParameterizedTest
  @EnumSource(Engine.class)
  void testNeverRetrievedWithThrowingToString(Engine engine) throws Exception {
    List<Throwable> reported = new ArrayList<>();
    Loop loop = Loop.newEventLoop(c -> c.withClock(MockClock.autojumping()).withEngine(engine));
    loop.setExceptionHandler((msg, err) -> reported.add(err));
    RuntimeException hostile = Hostile.exception();
    IOException plain = new IOException("plain");
    loop.runUntilComplete(
        () -> {
          AsyncFuture<String> a = loop.createFuture();
          AsyncFuture<String> b = loop.createFuture();
          a.setException(hostile);
          b.setException(plain);
          return null;
        });
    loop.close();
    assertEquals(List.of(hostile, plain), reported);
  }

  /** A failing future callback whose toString() throws is reported; the loop goes on. */
  @WeftTest
  void testFailingDoneCallbackWithThrowingToString() throws Exception {
    Loop loop = Asyncio.getRunningLoop();
    List<Throwable> reported = new ArrayList<>();
    List<String> log = new ArrayList<>();
    loop.setExceptionHandler(
        (msg, err) -> {
          reported.add(err);
          log.add(msg);
        });
    IllegalStateException bad = new IllegalStateException("bad callback");
    AsyncFuture<String> f = loop.createFuture();
    f.addDoneCallback(Hostile.consumer(x -> { throw bad; }));
    f.addDoneCallback(x -> log.add("ran"));
    f.setResult("v");
    Weft.checkpoint();
    assertEquals(List.of(bad), reported);
    assertTrue(log.get(0).startsWith("Exception in callback"), log.get(0));
    assertEquals("ran", log.get(1));
  }

  /** A failing loop callback whose toString() throws is reported; the loop goes on. */
  @WeftTest
  void testFailingLoopCallbackWithThrowingToString() throws Exception {
    Loop loop = Asyncio.getRunningLoop();
    List<Throwable> reported = new ArrayList<>();
    loop.setExceptionHandler((msg, err) -> reported.add(err));
    IllegalStateException bad = new IllegalStateException("bad callback");
    loop.callSoon(Hostile.runnable(() -> { throw bad; }));
    loop.callLater(Duration.ofSeconds(1), Hostile.runnable(() -> { throw bad; }));
    Weft.sleep(Duration.ofSeconds(2));
    assertEquals(List.of(bad, bad), reported);
  }

  /** A future whose exception or result has a throwing toString() still describes itself. */
  @WeftTest
  void testFutureDescribesHostileContents() {
    Loop loop = Asyncio.getRunningLoop();
    AsyncFuture<Object> failed = loop.createFuture();
    failed.setException(Hostile.exception());
    failed.exception();
    AsyncFuture<Object> done = loop.createFuture();
    done.setResult(Hostile.runnable(() -> {}));
    assertTrue(failed.toString().contains("toString() threw"), failed.toString());
    assertTrue(done.toString().contains("toString() threw"), done.toString());
  }

  /** A task failing with a Throwable that is neither Exception nor Error, with a hostile toString. */
  @WeftTest
  void testOddThrowableIsWrappedWithoutToString() {
    Throwable odd =
        new Throwable() {
          private static final long serialVersionUID = 1L;

          @Override
          public String toString() {
            throw new IllegalStateException("toString failed");
          }
        };
    Loop loop = Asyncio.getRunningLoop();
    AsyncFuture<Object> f = loop.createFuture();
    f.setException(odd);
    Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, f::result);
    assertSame(odd, e.getCause());
  }

  /** A task the group cancels, whose close() fails while it unwinds: the group reports it. */
  @WeftTest
  void testCloseFailureOfCancelledGroupTaskIsKept() {
    IllegalStateException first = new IllegalStateException("first");
    IOException closeFailed = new IOException("close failed");
    List<AsyncTask<Object>> tasks = new ArrayList<>();
    CompositeException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            CompositeException.class,
            () ->
                TaskGroup.open(
                    tg -> {
                      tasks.add(
                          tg.createTask(
                              () -> {
                                try (AutoCloseable r = () -> { throw closeFailed; }) {
                                  Weft.sleepForever();
                                }
                                return null;
                              }));
                      tg.createTask(
                          () -> {
                            Weft.sleep(Duration.ofSeconds(1));
                            throw first;
                          });
                    }));
    assertEquals(List.of(first, closeFailed), e.exceptions());
    assertSame(closeFailed, tasks.get(0).exception());
  }
}
