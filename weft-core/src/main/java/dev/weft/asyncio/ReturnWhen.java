package dev.weft.asyncio;

/** When {@link Asyncio#wait} returns: asyncio's {@code return_when} constants. */
public enum ReturnWhen {
  /** As soon as any future finishes or is cancelled. */
  FIRST_COMPLETED,
  /**
   * As soon as any future finishes by raising an exception; if none does, when all have finished
   * (as {@link #ALL_COMPLETED}).
   */
  FIRST_EXCEPTION,
  /** When every future has finished or been cancelled. */
  ALL_COMPLETED
}
