/**
 * The low-level protocol, for extending the runtime rather than for daily use (Trio's {@code
 * trio.lowlevel}): park and reschedule tasks ({@link dev.weft.lowlevel.Scheduling}), the {@link
 * dev.weft.lowlevel.Task} tree, the {@link dev.weft.lowlevel.Clock} SPI and the thread-safe
 * {@link dev.weft.lowlevel.RunToken}.
 */
package dev.weft.lowlevel;
