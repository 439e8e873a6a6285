package dev.weft.channel;

import dev.weft.BrokenResourceException;
import dev.weft.ClosedResourceException;
import dev.weft.lowlevel.LoopConfinement;
import dev.weft.lowlevel.Scheduling;
import dev.weft.lowlevel.WaitQueue;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The state one memory channel's ends share: the buffer, the tasks waiting on either side, and
 * how many ends of each kind are still open. Trio's {@code MemoryChannelState}.
 */
final class ChannelState {
  /** What {@link #pollOrEnd} returns when the channel has ended. */
  static final Object END = new Object();

  // immutable state
  /** The buffer's size; {@link Integer#MAX_VALUE} means unbounded, 0 a rendezvous. */
  final int capacity;

  final ArrayDeque<Object> buffer;
  final WaitQueue<Waiter> senders = new WaitQueue<>();
  final WaitQueue<Waiter> receivers = new WaitQueue<>();

  // mutable state
  int openSendChannels = 1;
  int openReceiveChannels = 1;
  /** The loop the channel belongs to; bound at first use, as every primitive's. */
  private final LoopConfinement confinement = new LoopConfinement();
  /** The task thread that last passed {@link #checkLoop}; it passes again without a lookup. */
  private Thread checkedThread;

  /*
   * Implementation notes.
   *
   * Trio's memory channel, on the park/reschedule protocol. The invariants, held by every
   * operation because it runs to completion within one loop step:
   *
   *   // Invariant: receivers non-empty => buffer empty and senders empty
   *   // Invariant: senders non-empty   => buffer full (size == capacity) and receivers empty
   *
   * with one exception to "senders empty" / "receivers empty": a select that waits to send and to
   * receive on the same rendezvous channel sits in both queues (it never meets itself, see
   * Select). The buffer halves hold always and are asserted after every operation.
   *
   * So a sender first hands its value straight to the longest-waiting receiver (no buffer detour:
   * the unbuffered hand-off), else appends to the buffer if there is room, else parks with the
   * value in its Waiter. A receiver takes the oldest buffered value and tops the buffer up from
   * the longest-waiting sender, else takes a waiting sender's value directly, else reports the
   * end if every send end is closed, else parks. Both queues are FIFO, so waiting senders and
   * receivers are served in arrival order (MemoryChannelTest#testFairnessAmongSenders,
   * #testFairnessAmongReceivers).
   *
   * Close, as a state table (S = open send ends, R = open receive ends):
   *
   *   event                 | effect on waiters                               | buffer
   *   ----------------------+-------------------------------------------------+---------
   *   close a send end      | its own blocked senders: ClosedResourceException |
   *     ... and S becomes 0 | every blocked receiver: EndOfChannelException   | drained by receivers
   *   close a receive end   | its own blocked receivers: ClosedResourceException |
   *     ... and R becomes 0 | every blocked sender: BrokenResourceException    | cleared
   *
   *   OPEN --S=0--> ENDING (receivers drain the buffer) --buffer empty--> ENDED (receive throws)
   *   OPEN --R=0--> BROKEN (send throws BrokenResourceException)
   *
   * The blocking paths follow Trio's checkpoint pattern: checkpointIfCancelled, try the
   * non-blocking path, and on success cancelShieldedCheckpoint (so a send or receive that did not
   * wait is still a schedule point, where the core's budget decides whether to switch: ADR 0008);
   * otherwise park. A parked task can be cancelled only while its
   * Waiter is still queued; see Waiter's notes for why that makes the operations atomic.
   */

  ChannelState(int capacity) {
    this.capacity = capacity;
    // A large bounded capacity is a limit, not a promise to fill it: let the deque grow.
    this.buffer = new ArrayDeque<>(Math.min(capacity, 64));
  }

  boolean unbounded() {
    return capacity == Integer.MAX_VALUE;
  }

  /**
   * Binds the channel to the current loop at first use, and rejects use from anywhere else.
   *
   * @param operation the API method, for the message
   */
  void checkLoop(String operation) {
    confinement.check(operation);
  }


  // ---- sending ----

  /**
   * Sends without waiting, if the channel can take the value now.
   *
   * @return whether it was sent
   */
  boolean offer(MemorySendChannel<?> end, Object value, String operation) {
    if (end.closed) {
      throw closedEnd(operation, "send");
    }
    if (openReceiveChannels == 0) {
      throw broken(operation);
    }
    Waiter r = Waiter.poll(receivers);
    if (r != null) {
      r.succeed(value);
      return true;
    }
    if (buffer.size() < capacity) {
      buffer.addLast(value);
      assert invariantHolds() : this;
      return true;
    }
    return false;
  }

  /** {@return whether the buffer halves of the invariants in the notes hold} */
  boolean invariantHolds() {
    return (receivers.isEmpty() || buffer.isEmpty())
        && (senders.isEmpty() || buffer.size() == capacity);
  }

  /** The blocking send (see {@link SendChannel#send}). */
  void send(MemorySendChannel<?> end, Object value) {
    requireValue(value, "MemorySendChannel.send");
    checkLoop("MemorySendChannel.send");
    Scheduling.checkpointIfCancelled();
    if (offer(end, value, "MemorySendChannel.send")) {
      Scheduling.cancelShieldedCheckpoint();
      return;
    }
    Waiter w = new Waiter(Scheduling.currentTask(), end, value, null, 0);
    w.enqueue(senders);
    assert invariantHolds() : this;
    Scheduling.waitTaskRescheduled(w);
  }

  // ---- receiving ----

  /**
   * Receives without waiting.
   *
   * @return the value, or {@link #END} if the channel has ended, or null if nothing is there now
   */
  Object pollOrEnd(MemoryReceiveChannel<?> end, String operation) {
    if (end.closed) {
      throw closedEnd(operation, "receive");
    }
    if (!buffer.isEmpty()) {
      Object v = buffer.pollFirst();
      Waiter s = Waiter.poll(senders);
      if (s != null) {
        buffer.addLast(s.value);
        s.succeed(null);
      }
      assert invariantHolds() : this;
      return v;
    }
    Waiter s = Waiter.poll(senders);
    if (s != null) {
      Object v = s.value;
      s.succeed(null);
      return v;
    }
    return openSendChannels == 0 ? END : null;
  }

  /** The blocking receive (see {@link ReceiveChannel#receive}). */
  Object receive(MemoryReceiveChannel<?> end) {
    checkLoop("MemoryReceiveChannel.receive");
    Scheduling.checkpointIfCancelled();
    Object v = pollOrEnd(end, "MemoryReceiveChannel.receive");
    if (v == END) {
      throw endOfChannel("MemoryReceiveChannel.receive");
    }
    if (v != null) {
      Scheduling.cancelShieldedCheckpoint();
      return v;
    }
    Waiter w = new Waiter(Scheduling.currentTask(), end, null, null, 0);
    w.enqueue(receivers);
    assert invariantHolds() : this;
    return Scheduling.waitTaskRescheduled(w);
  }

  // ---- closing ----

  void closeSend(MemorySendChannel<?> end) {
    if (end.closed) {
      return;
    }
    checkLoop("MemorySendChannel.close");
    end.closed = true;
    failOwnWaiters(senders, end, "MemorySendChannel.send", "send");
    openSendChannels--;
    if (openSendChannels == 0) {
      // Every send end is closed, so every blocked sender was just failed above.
      assert senders.isEmpty();
      Waiter r;
      while ((r = Waiter.poll(receivers)) != null) {
        r.end("MemoryReceiveChannel.receive");
      }
    }
  }

  void closeReceive(MemoryReceiveChannel<?> end) {
    if (end.closed) {
      return;
    }
    checkLoop("MemoryReceiveChannel.close");
    end.closed = true;
    failOwnWaiters(receivers, end, "MemoryReceiveChannel.receive", "receive");
    openReceiveChannels--;
    if (openReceiveChannels == 0) {
      Waiter s;
      while ((s = Waiter.poll(senders)) != null) {
        s.fail(broken("MemorySendChannel.send"));
      }
      // Nobody can ever receive these; drop them so they can be collected (Trio does too).
      buffer.clear();
    }
  }

  /** Wakes, with ClosedResourceException, the tasks blocked in {@code end} itself. */
  private static void failOwnWaiters(
      WaitQueue<Waiter> queue, Object end, String operation, String verb) {
    List<Waiter> own = new ArrayList<>();
    for (WaitQueue.Entry<Waiter> e : queue.snapshot()) {
      if (e.value().end == end) {
        own.add(e.value());
      }
    }
    for (Waiter w : own) {
      // An earlier failure in the same select may have unlinked this one already.
      if (w.isQueued()) {
        w.unlink();
        w.fail(
            new ClosedResourceException(
                operation
                    + ": another task closed this "
                    + verb
                    + " channel while this task was waiting on it. Give each task its own"
                    + " clone() and let each close only its own."));
      }
    }
  }

  // ---- errors ----

  static void requireValue(Object value, String operation) {
    Objects.requireNonNull(
        value,
        () ->
            operation
                + ": channels do not carry null (a null from tryReceive means \"nothing now\");"
                + " send a non-null value, such as an Optional or a marker object");
  }

  static ClosedResourceException closedEnd(String operation, String verb) {
    return new ClosedResourceException(
        operation
            + ": this "
            + verb
            + " channel has been closed, so it cannot be used any more. To keep using the channel"
            + " after closing one end, clone() the end first and close only the clone.");
  }

  static BrokenResourceException broken(String operation) {
    return new BrokenResourceException(
        operation
            + ": every receive channel of this channel is closed, so nothing can ever receive the"
            + " value. Stop sending and close this send channel, or keep a receive channel open.");
  }

  static EndOfChannelException endOfChannel(String operation) {
    return new EndOfChannelException(
        operation + ": the channel has ended (every send channel is closed and nothing is left)");
  }

  MemoryChannelStatistics statistics() {
    return new MemoryChannelStatistics(
        buffer.size(),
        capacity,
        openSendChannels,
        openReceiveChannels,
        senders.size(),
        receivers.size());
  }

  String describe(boolean closed) {
    return (closed ? "closed" : "open")
        + ", buffer "
        + buffer.size()
        + "/"
        + (unbounded() ? "unbounded" : Integer.toString(capacity))
        + ", "
        + openSendChannels
        + " send and "
        + openReceiveChannels
        + " receive ends open, "
        + senders.size()
        + " senders and "
        + receivers.size()
        + " receivers waiting";
  }
}
