package dev.weft.cancel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weft.Weft;
import dev.weft.lowlevel.Scheduling;
import dev.weft.testing.WeftTest;
import org.junit.jupiter.api.Test;

/** Only the runtime makes CancelledErrors. */
class CancelledErrorTest {
  /** No public constructor: user code cancels with CancelScope.cancel(), never by throwing one. */
  @Test
  void testNoPublicConstructor() {
    assertEquals(0, CancelledError.class.getConstructors().length);
  }

  /** The lowlevel factory gives the default message or the reason; a scope not cancelled lets it pass. */
  @WeftTest
  void testFactory() throws Exception {
    assertEquals("cancelled", Scheduling.newCancelledError(null).getMessage());
    assertEquals("why", Scheduling.newCancelledError("why").getMessage());
    CancelScope scope = new CancelScope();
    assertThrows(
        CancelledError.class,
        () ->
            scope.run(
                () -> {
                  throw Scheduling.newCancelledError("not the scope's own");
                }));
    assertFalse(scope.cancelledCaught());
    Weft.checkpoint();
  }
}
