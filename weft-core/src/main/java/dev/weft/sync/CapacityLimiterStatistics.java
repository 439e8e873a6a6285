package dev.weft.sync;

import java.util.List;

/**
 * A snapshot of a {@link CapacityLimiter}'s state (Trio's {@code CapacityLimiterStatistics}).
 *
 * @param borrowedTokens the tokens held now
 * @param totalTokens the limiter's current total
 * @param borrowers who holds the tokens, in the order they got them
 * @param tasksWaiting the tasks blocked in {@code acquire} or {@code acquireOnBehalfOf}
 */
public record CapacityLimiterStatistics(
    int borrowedTokens, int totalTokens, List<Object> borrowers, int tasksWaiting) {
  /** Copies {@code borrowers}, so the snapshot does not change with the limiter. */
  public CapacityLimiterStatistics {
    borrowers = List.copyOf(borrowers);
  }
}
