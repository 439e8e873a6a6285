package dev.weft;

import dev.weft.internal.util.SafeString;
import java.util.List;

/**
 * Several failures of one nursery, held together so that none is lost.
 *
 * <p>A nursery whose body or children fail with exactly one exception rethrows that exception as
 * itself, so {@code catch (IOException e)} around {@link Nursery#open} works. When two or more
 * fail, it throws one {@code CompositeException} holding them all, in the order they happened;
 * each is also attached as a {@linkplain #getSuppressed() suppressed} exception so that stack
 * traces print every one. {@link dev.weft.cancel.CancelledError}s that the nursery itself caused
 * are never counted as failures.
 */
public final class CompositeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The failures, in the order they happened. */
  @SuppressWarnings("serial") // an immutable List.copyOf list, serializable in practice
  private final List<Throwable> exceptions;

  /**
   * Creates a composite of the given failures.
   *
   * @param exceptions the failures, at least two, in the order they happened
   * @throws IllegalArgumentException if fewer than two are given
   * @throws NullPointerException if the list or any element is null
   */
  public CompositeException(List<? extends Throwable> exceptions) {
    super(describe(exceptions), null, true, true);
    this.exceptions = List.copyOf(exceptions);
    for (Throwable t : this.exceptions) {
      addSuppressed(t);
    }
  }

  private static String describe(List<? extends Throwable> exceptions) {
    if (exceptions.size() < 2) {
      throw new IllegalArgumentException(
          "a CompositeException holds two or more failures; throw a single failure as itself");
    }
    StringBuilder sb = new StringBuilder().append(exceptions.size()).append(" tasks failed:");
    for (Throwable t : exceptions) {
      sb.append("\n  ").append(SafeString.of(t));
    }
    return sb.toString();
  }

  /** {@return the failures this composite holds, in the order they happened (unmodifiable)} */
  public List<Throwable> exceptions() {
    return exceptions;
  }
}
