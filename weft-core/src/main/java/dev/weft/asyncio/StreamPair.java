package dev.weft.asyncio;

/**
 * The two sides of a connection that {@link Asyncio#openConnection} returns: asyncio's {@code
 * reader, writer = await open_connection(...)} tuple.
 *
 * @param reader the incoming side
 * @param writer the outgoing side
 */
public record StreamPair(StreamReader reader, StreamWriter writer) {}
