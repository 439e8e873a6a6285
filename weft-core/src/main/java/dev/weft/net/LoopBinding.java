package dev.weft.net;

import dev.weft.lowlevel.EventLoop;
import dev.weft.lowlevel.Io;
import dev.weft.lowlevel.LoopConfinement;
import dev.weft.lowlevel.RunVar;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;

/**
 * The loop a socket object belongs to ({@link LoopConfinement}, bound where the object is made when
 * that is a loop), and that loop's scratch buffer.
 */
final class LoopBinding {
  /** Size of the per-loop direct buffer that byte-array sends and receives go through. */
  static final int SCRATCH_BYTES = 64 * 1024;

  /*
   * Implementation notes.
   *
   * Reading into or writing from a heap array makes the JDK copy through a temporary direct buffer
   * that it caches per thread; with a virtual thread per task that cache would be per connection
   * (64 KiB and more each, for 10,000 idle connections). Instead each loop owns one direct buffer:
   * a loop runs one task at a time, and the buffer is used only between two checkpoints (read,
   * then copy out; copy in, then write), never across a wait, so tasks can share it. The copy is
   * the one the JDK would have made anyway.
   */
  private static final RunVar<ByteBuffer> SCRATCH =
      new RunVar<>("weft.net.scratch", () -> ByteBuffer.allocateDirect(SCRATCH_BYTES));

  // immutable state
  private final LoopConfinement confinement = LoopConfinement.ofCurrentLoop();

  // mutable state
  /** The bound loop's scratch buffer, looked up on the first check. */
  private ByteBuffer scratch;

  /**
   * Checks that the caller runs in the bound loop, binding it on first use
   * ({@link LoopConfinement#check}).
   *
   * @param api the public method, for the error message
   */
  void check(String api) {
    confinement.check(api);
    if (scratch == null) {
      scratch = SCRATCH.get(confinement.loop().orElseThrow());
    }
  }

  /**
   * Closes a channel of this binding's object: wakes its waiters first when called in the loop
   * (Io.notifyClosing), refuses other loops, and allows threads outside every loop (the owner
   * loop has ended by then, so nobody waits).
   *
   * @param channel the channel
   * @param api the public method, for the error message
   */
  void close(SelectableChannel channel, String api) {
    if (EventLoop.current().isPresent()) {
      check(api); // binds an unbound object, or throws for a task of another loop
      Io.notifyClosing(channel);
    }
    try {
      channel.close();
    } catch (IOException e) {
      // Nothing a caller could do: the descriptor is released either way.
    }
  }

  /** {@return the loop's scratch buffer, cleared; valid until the caller's next checkpoint} */
  ByteBuffer scratch() {
    return scratch.clear();
  }

  /** {@return the scratch buffer flipped for reading what a read just put in it} */
  ByteBuffer scratchAfterRead() {
    return scratch.flip();
  }
}
