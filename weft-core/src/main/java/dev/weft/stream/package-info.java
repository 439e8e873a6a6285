/**
 * Byte streams, Trio's {@code trio.abc} stream interfaces: {@link dev.weft.stream.SendStream},
 * {@link dev.weft.stream.ReceiveStream}, {@link dev.weft.stream.Stream}, {@link
 * dev.weft.stream.HalfCloseableStream} and {@link dev.weft.stream.Listener}, plus the {@link
 * dev.weft.stream.StreamHandler} a server runs per connection.
 *
 * <p>The TCP implementation is in {@code dev.weft.net}; asyncio's {@code StreamReader} and {@code
 * StreamWriter} are built on these interfaces. Every blocking method is a checkpoint; {@code
 * close()} never blocks. The rules every stream follows: a cancelled receive loses no bytes; a
 * cancelled send breaks the stream; one task at a time per direction; closing wakes blocked tasks
 * with {@link dev.weft.ClosedResourceException}; a failed connection gives {@link
 * dev.weft.BrokenResourceException}.
 */
package dev.weft.stream;
