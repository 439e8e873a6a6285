/**
 * TCP networking on the loop's selector, Trio's {@code trio} socket layer: {@link
 * dev.weft.net.SocketStream} (a connection), {@link dev.weft.net.SocketListener} (a listening
 * socket) and {@link dev.weft.net.Tcp} ({@code openStream} with happy eyeballs, {@code
 * openListeners}, {@code serve}, {@code serveListeners}).
 *
 * <p>Everything here is built on the public {@code dev.weft.lowlevel.Io} verbs and follows the
 * rules of {@code dev.weft.stream}.
 */
package dev.weft.net;
