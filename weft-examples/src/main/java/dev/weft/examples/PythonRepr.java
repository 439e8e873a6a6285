package dev.weft.examples;

/**
 * Python's {@code repr()} for the values the seeds' programs print with {@code {data!r}} and {@code
 * {exc!r}}, so that weft's versions print the seeds' lines character for character.
 */
final class PythonRepr {
  private PythonRepr() {}

  /**
   * {@return {@code repr(b)} for a {@code bytes} value}: {@code b'...'} (or {@code b"..."} when the
   * bytes hold a single quote and no double quote), printable ASCII as itself, {@code \t \n \r}
   * and the quote and backslash escaped, every other byte as {@code \xNN}
   *
   * @param b the bytes
   */
  static String bytes(byte[] b) {
    boolean single = true;
    for (byte x : b) {
      if (x == '\'') {
        single = false;
      }
    }
    if (!single) {
      for (byte x : b) {
        if (x == '"') {
          single = true;
        }
      }
    }
    char quote = single ? '\'' : '"';
    StringBuilder out = new StringBuilder(b.length + 3).append('b').append(quote);
    for (byte x : b) {
      int c = x & 0xff;
      if (c == quote || c == '\\') {
        out.append('\\').append((char) c);
      } else if (c == '\t') {
        out.append("\\t");
      } else if (c == '\n') {
        out.append("\\n");
      } else if (c == '\r') {
        out.append("\\r");
      } else if (c < 0x20 || c >= 0x7f) {
        out.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
      } else {
        out.append((char) c);
      }
    }
    return out.append(quote).toString();
  }

  /**
   * {@return {@code repr(s)} for a {@code str} value}: single quotes unless the text holds a
   * single quote and no double quote; backslashes, the quote and control characters escaped
   *
   * @param s the text
   */
  static String str(String s) {
    char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
    StringBuilder out = new StringBuilder(s.length() + 2).append(quote);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == quote || c == '\\') {
        out.append('\\').append(c);
      } else if (c == '\n') {
        out.append("\\n");
      } else if (c == '\r') {
        out.append("\\r");
      } else if (c == '\t') {
        out.append("\\t");
      } else if (c < 0x20 || c == 0x7f) {
        out.append(String.format("\\x%02x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append(quote).toString();
  }

  /**
   * {@return {@code repr(exc)}}: the exception's class name and its message as a string, {@code
   * BrokenResourceException('...')}, as Python prints {@code BrokenResourceError('...')}
   *
   * @param e the exception
   */
  static String exception(Throwable e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName() + "(" + (m == null ? "" : str(m)) + ")";
  }

  /**
   * {@return a socket address as asyncio's {@code get_extra_info('peername')} prints it}: {@code
   * ('127.0.0.1', 54321)} for IPv4, {@code ('::1', 54321, 0, 0)} for IPv6
   *
   * @param a the address
   */
  static String address(java.net.InetSocketAddress a) {
    String host = a.getAddress().getHostAddress();
    int zone = host.indexOf('%');
    if (zone >= 0) {
      host = host.substring(0, zone);
    }
    return a.getAddress() instanceof java.net.Inet6Address
        ? "(" + str(host) + ", " + a.getPort() + ", 0, 0)"
        : "(" + str(host) + ", " + a.getPort() + ")";
  }
}
