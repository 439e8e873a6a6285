package dev.weft.lowlevel;

/**
 * A snapshot of a {@link ParkingLot}'s state (Trio's {@code ParkingLotStatistics}).
 *
 * @param tasksWaiting the tasks parked in the lot
 */
public record ParkingLotStatistics(int tasksWaiting) {}
