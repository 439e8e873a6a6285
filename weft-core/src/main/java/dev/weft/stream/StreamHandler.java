package dev.weft.stream;

/**
 * What a server does with each connection: Trio's {@code handler} argument of {@code
 * serve_listeners}. It runs in a task of its own; the server closes the stream when it returns.
 *
 * @param <S> the kind of stream
 */
@FunctionalInterface
public interface StreamHandler<S extends AutoCloseable> {
  /**
   * Serves one connection.
   *
   * @param stream the connection; closed by the server after this method returns or throws
   * @throws Exception anything; as in Trio, an exception propagates to the server's nursery and
   *     cancels the whole server, so a handler that should outlive its failures catches them
   */
  void handle(S stream) throws Exception;
}
