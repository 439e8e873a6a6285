package dev.weft.internal.util;

/** The system properties weft reads, each read in one place so their names stay documented. */
public final class SystemProps {
  private SystemProps() {}

  /** {@return the value of {@code weft.engine}, trimmed and lower-cased, or "" when unset} */
  public static String engine() {
    String v = System.getProperty("weft.engine", "");
    return v.trim().toLowerCase(java.util.Locale.ROOT);
  }
}
