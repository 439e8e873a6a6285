/**
 * The loop's I/O manager: the {@link java.nio.channels.Selector} a loop blocks in when no task is
 * runnable, and the tasks waiting for channels to become ready. Not exported; {@code
 * dev.weft.lowlevel.Io} is its public face.
 */
package dev.weft.internal.io;
