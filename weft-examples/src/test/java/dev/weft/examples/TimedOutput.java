package dev.weft.examples;

import dev.weft.Block;
import dev.weft.Weft;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * Captures what a block prints on {@code System.out}, line by line, with the loop time at which
 * each line was completed. {@link #capture(Block)} must be used from a weft task (it reads {@link
 * Weft#currentTime()} as each line ends); {@link #capture(DoubleSupplier, Block)} reads a given
 * clock instead. The block's tasks must print through {@code System.out}.
 */
final class TimedOutput {
  private TimedOutput() {}

  /**
   * One printed line and the loop time at which its newline was written.
   *
   * @param time the loop time, in seconds
   * @param text the line, without its line terminator
   */
  record Line(double time, String text) {
    @Override
    public String toString() {
      return "t=" + time + " " + text;
    }
  }

  /**
   * {@return a line printed at {@code time}}
   *
   * @param time the loop time, in seconds
   * @param text the text
   */
  static Line at(double time, String text) {
    return new Line(time, text);
  }

  /**
   * Runs {@code body} with {@code System.out} replaced, and returns the lines it printed.
   * Unterminated output at the end becomes a last line, so an assertion on the list sees it too.
   *
   * @param body the code under test
   * @return the lines, in the order they were printed
   * @throws Exception what the body threw
   */
  static List<Line> capture(Block body) throws Exception {
    return capture(Weft::currentTime, body);
  }

  /**
   * Runs {@code body} with {@code System.out} replaced, and returns the lines it printed, each
   * timestamped by {@code clock}. For programs that run their own loops (and may print from
   * outside them): pass the mock clock they run on.
   *
   * @param clock what gives the time of a line, read when its newline is written
   * @param body the code under test
   * @return the lines, in the order they were printed
   * @throws Exception what the body threw
   */
  static List<Line> capture(DoubleSupplier clock, Block body) throws Exception {
    Sink sink = new Sink(clock);
    PrintStream saved = System.out;
    System.setOut(new PrintStream(sink, true, StandardCharsets.UTF_8));
    try {
      body.run();
    } finally {
      System.out.flush();
      System.setOut(saved);
    }
    sink.endPartialLine();
    return List.copyOf(sink.lines);
  }

  /** Splits the bytes it receives into lines, timestamped when their '\n' arrives. */
  private static final class Sink extends OutputStream {
    private final ByteArrayOutputStream current = new ByteArrayOutputStream();
    private final List<Line> lines = new ArrayList<>();
    private final DoubleSupplier clock;

    Sink(DoubleSupplier clock) {
      this.clock = clock;
    }

    @Override
    public synchronized void write(int b) {
      if (b == '\n') {
        endLine();
      } else {
        current.write(b);
      }
    }

    private void endLine() {
      String text = current.toString(StandardCharsets.UTF_8);
      if (text.endsWith("\r")) {
        text = text.substring(0, text.length() - 1);
      }
      lines.add(new Line(clock.getAsDouble(), text));
      current.reset();
    }

    synchronized void endPartialLine() {
      if (current.size() > 0) {
        endLine();
      }
    }
  }
}
