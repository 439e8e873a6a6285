package dev.weft.examples;

import static org.junit.jupiter.api.Assertions.*;

import dev.weft.Nursery;
import dev.weft.Weft;
import dev.weft.cancel.CancelScope;
import dev.weft.cancel.CancelledError;
import dev.weft.cancel.Timeouts;
import dev.weft.testing.WeftTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

class ProbeScratchTest {
  @WeftTest
  void levelTriggeredAfterShield() throws Exception {
    List<String> log = new ArrayList<>();
    CancelScope outer = Timeouts.moveOnAfter(Duration.ofSeconds(2), () -> {
      try { Weft.sleep(Duration.ofSeconds(3)); } catch (CancelledError _) { log.add("c1@" + Weft.currentTime()); }
      CancelScope s = new CancelScope(); s.setShield(true);
      s.run(() -> Weft.sleep(Duration.ofSeconds(1)));
      log.add("shield done@" + Weft.currentTime() + " caught=" + s.cancelledCaught());
      try { Weft.checkpoint(); log.add("no cancel!"); } catch (CancelledError e) { log.add("c2"); throw e; }
    });
    assertEquals(List.of("c1@2.0", "shield done@3.0 caught=false", "c2"), log);
    assertTrue(outer.cancelledCaught());
    assertEquals(3.0, Weft.currentTime());
  }

  @WeftTest
  void swallowedCancelThenNormalExit() throws Exception {
    CancelScope outer = Timeouts.moveOnAfter(Duration.ofSeconds(2), () -> {
      try { Weft.sleep(Duration.ofSeconds(3)); } catch (CancelledError _) { }
    });
    // Trio: cancelled_caught is False when the body swallowed the Cancelled itself
    assertFalse(outer.cancelledCaught());
    assertTrue(outer.cancelCalled());
  }

  @WeftTest
  void deadlinePushBackAndPullIn() throws Exception {
    CancelScope s = CancelScope.withRelativeDeadline(Duration.ofSeconds(2));
    assertEquals(Double.POSITIVE_INFINITY, s.deadline());
    assertTrue(s.relativeDeadline().isPresent());
    s.run(() -> {
      assertEquals(2.0, s.deadline());
      s.setDeadline(s.deadline() + 3);
      Weft.sleep(Duration.ofSeconds(1));
      s.setDeadline(Weft.currentTime()); // pull in to now: next checkpoint cancels
      Weft.sleep(Duration.ofSeconds(10));
      fail("not cancelled");
    });
    assertTrue(s.cancelledCaught());
    assertEquals(1.0, Weft.currentTime());
  }

  @WeftTest
  void nurseryChildrenCancelledByOuterTimeout() throws Exception {
    List<String> log = new ArrayList<>();
    Timeouts.moveOnAfter(Duration.ofSeconds(1), () -> Nursery.open(n -> {
      n.startSoon(() -> { try { Weft.sleep(Duration.ofSeconds(5)); } finally { log.add("a@" + Weft.currentTime()); } }, "a");
      n.startSoon(() -> { try { Weft.sleep(Duration.ofSeconds(5)); } finally { log.add("b@" + Weft.currentTime()); } }, "b");
    }));
    assertEquals(List.of("a@1.0", "b@1.0"), log);
  }

  @WeftTest
  void innerShieldIgnoresOuter() throws Exception {
    // practice-2 alternative: shield the inner scope
    List<String> log = new ArrayList<>();
    Timeouts.moveOnAfter(Duration.ofSeconds(2), () -> {
      CancelScope inner = CancelScope.withRelativeDeadline(Duration.ofSeconds(4));
      inner.setShield(true);
      inner.run(() -> Weft.sleep(Duration.ofSeconds(5)));
      log.add("inner@" + Weft.currentTime() + " " + inner.cancelledCaught());
    });
    log.add("outer@" + Weft.currentTime());
    assertEquals(List.of("inner@4.0 true", "outer@4.0"), log);
  }

  @WeftTest
  void effectiveDeadline() throws Exception {
    assertEquals(Double.POSITIVE_INFINITY, Weft.currentEffectiveDeadline());
    Timeouts.moveOnAfter(Duration.ofSeconds(2), () -> {
      Timeouts.moveOnAfter(Duration.ofSeconds(4), () -> assertEquals(2.0, Weft.currentEffectiveDeadline()));
      CancelScope sh = new CancelScope(); sh.setShield(true);
      sh.run(() -> assertEquals(Double.POSITIVE_INFINITY, Weft.currentEffectiveDeadline()));
    });
  }
}
