package dev.weft.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.Weft;
import dev.weft.testing.WeftTest;
import java.time.Duration;
import java.util.List;

class GatherTest {
  static String job(String name, int seconds) {
    Weft.sleep(Duration.ofSeconds(seconds));
    return name;
  }

  /** Results come back in argument order, after the slowest child. */
  @WeftTest
  void testResultsInOrder() throws Exception {
    List<String> r =
        Asyncio.gather(() -> job("a", 2), () -> job("b", 1), () -> job("c", 3)).await();
    assertEquals(List.of("a", "b", "c"), r);
    assertEquals(3.0, Weft.currentTime());
  }
}
