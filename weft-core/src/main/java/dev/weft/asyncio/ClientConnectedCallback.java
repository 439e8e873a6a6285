package dev.weft.asyncio;

/**
 * What a server made by {@link Asyncio#startServer} runs for each connection: asyncio's {@code
 * client_connected_cb}. It runs as a task of its own.
 */
@FunctionalInterface
public interface ClientConnectedCallback {
  /**
   * Serves one connection.
   *
   * @param reader the connection's incoming side
   * @param writer the connection's outgoing side; closed (after flushing) when this returns
   * @throws Exception anything: logged, as asyncio logs it; the server serves on
   */
  void handle(StreamReader reader, StreamWriter writer) throws Exception;
}
