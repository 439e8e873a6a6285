package dev.weft.examples;

import static dev.weft.examples.TimedOutput.at;

import java.util.List;

/** What {@link Abc}'s {@code a}, {@code b} and {@code c} print when they run concurrently. */
final class AbcLines {
  private AbcLines() {}

  /**
   * The seed's six lines: all three start at t=0 in A, B, C order and finish at 1, 2 and 3 s (B,
   * A, C). Run one after the other, they would finish at 2, 3 and 6 s.
   */
  static final List<TimedOutput.Line> CONCURRENT =
      List.of(
          at(0, "A: started"),
          at(0, "B: started"),
          at(0, "C: started"),
          at(1, "B: finished"),
          at(2, "A: finished"),
          at(3, "C: finished"));
}
