/**
 * Synchronisation primitives for tasks of one loop: locks, conditions, semaphores, events,
 * capacity limiters and barriers, written on the low-level park/reschedule protocol.
 */
package dev.weft.sync;
