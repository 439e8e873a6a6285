/**
 * Memory channels: Trio's {@code open_memory_channel}, for passing values between tasks of one
 * loop, and {@code select} over several channel operations.
 */
package dev.weft.channel;
