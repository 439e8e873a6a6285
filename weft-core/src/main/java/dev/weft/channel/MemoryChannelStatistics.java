package dev.weft.channel;

/**
 * A snapshot of a memory channel's state, from {@link MemorySendChannel#statistics()} or {@link
 * MemoryReceiveChannel#statistics()}: Trio's {@code MemoryChannelStatistics}.
 *
 * @param currentBufferUsed how many values are buffered now
 * @param maxBufferSize the buffer's capacity: 0 for a rendezvous channel, {@link
 *     Integer#MAX_VALUE} for an unbounded one
 * @param openSendChannels how many send ends (the original and its clones) are still open
 * @param openReceiveChannels how many receive ends are still open
 * @param tasksWaitingSend how many send operations are blocked (a {@link Select} counts once for
 *     each of its send clauses on this channel)
 * @param tasksWaitingReceive how many receive operations are blocked (likewise for selects)
 */
public record MemoryChannelStatistics(
    int currentBufferUsed,
    int maxBufferSize,
    int openSendChannels,
    int openReceiveChannels,
    int tasksWaitingSend,
    int tasksWaitingReceive) {}
