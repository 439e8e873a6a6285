/**
 * Cancellation: {@link dev.weft.cancel.CancelScope}, the timeouts built on it ({@link
 * dev.weft.cancel.Timeouts}), and the {@link dev.weft.cancel.CancelledError} a cancelled
 * checkpoint throws.
 */
package dev.weft.cancel;
