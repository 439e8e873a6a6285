/**
 * Memory channels: Trio's {@code open_memory_channel}, for passing values between the tasks of
 * one loop, and {@link dev.weft.channel.Select select} over several channel operations.
 *
 * <h2>The types</h2>
 *
 * <table class="striped">
 *   <caption>Channel types</caption>
 *   <thead>
 *     <tr><th scope="col">type</th><th scope="col">what</th></tr>
 *   </thead>
 *   <tbody>
 *     <tr><th scope="row">{@link dev.weft.channel.MemoryChannel}</th>
 *         <td>{@code open(capacity)}, {@code openUnbounded()}: the pair of ends</td></tr>
 *     <tr><th scope="row">{@link dev.weft.channel.SendChannel}, {@link
 *         dev.weft.channel.ReceiveChannel}</th>
 *         <td>the contracts of a channel's two ends ({@code send}/{@code trySend}, {@code
 *         receive}/{@code tryReceive}, {@code close}; the receive end is {@code Iterable})</td></tr>
 *     <tr><th scope="row">{@link dev.weft.channel.MemorySendChannel}, {@link
 *         dev.weft.channel.MemoryReceiveChannel}</th>
 *         <td>the memory channel's ends: add {@code clone()}, {@code statistics()} and select
 *         clauses</td></tr>
 *     <tr><th scope="row">{@link dev.weft.channel.Select}, {@link
 *         dev.weft.channel.SelectClause}</th>
 *         <td>perform exactly one of several sends and receives</td></tr>
 *     <tr><th scope="row">{@link dev.weft.channel.EndOfChannelException}</th>
 *         <td>every send end closed and the channel drained</td></tr>
 *   </tbody>
 * </table>
 *
 * <h2>Rules</h2>
 *
 * <ul>
 *   <li>Capacity 0 is a rendezvous: a send waits for a receiver and hands its value straight to
 *       it. A positive capacity is a buffer; {@link dev.weft.channel.MemoryChannel#UNBOUNDED} has
 *       no limit.
 *   <li>{@code send}, {@code receive} and {@code Select.select} are checkpoints on every call: a
 *       cancel point every time, and a schedule point where the scheduler applies its budget (one
 *       that did not have to wait lets the task go on until it has passed {@code
 *       RunConfig.schedulingBudget()} of them, then yields). {@code trySend}, {@code tryReceive}
 *       and {@code Select.selectOrDefault} never block and are not checkpoints.
 *   <li>They are atomic under cancellation: a cancelled operation did nothing, so no value is
 *       lost or delivered twice.
 *   <li>Closing follows Trio: receivers get {@link dev.weft.channel.EndOfChannelException} once
 *       every send clone is closed and the buffer is drained; senders get {@link
 *       dev.weft.BrokenResourceException} once every receive clone is closed; using a closed
 *       clone throws {@link dev.weft.ClosedResourceException}.
 *   <li>Channels carry no nulls, so {@code tryReceive()} returns null for "nothing now".
 *   <li>A channel belongs to the loop it is first used in.
 * </ul>
 *
 * The package is written only on the public low-level protocol ({@link
 * dev.weft.lowlevel.Scheduling}), like every layer above the core.
 */
package dev.weft.channel;
