package dev.weft.bench;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;

/**
 * The echo workloads' Netty peer: Netty's NIO transport with one event-loop thread serving the
 * listener and every connection (the one-loop comparison DESIGN.md's Netty figure made), a handler
 * that writes back each buffer it reads and flushes at the end of each read batch.
 *
 * <p>{@code java dev.weft.bench.NettyEchoServer PORT SECONDS}: prints {@code listening PORT}, then
 * serves until SECONDS have passed; it answers the {@link ServerProbe} protocol on stdin.
 */
public final class NettyEchoServer {
  private NettyEchoServer() {}

  /** Echoes what it reads; shared by every connection. */
  @ChannelHandler.Sharable
  private static final class Echo extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ctx.write(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      ctx.flush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }

  /**
   * Serves.
   *
   * @param args PORT SECONDS
   * @throws InterruptedException if interrupted while serving
   */
  public static void main(String[] args) throws InterruptedException {
    int port = Integer.parseInt(args[0]);
    long millis = (long) (Double.parseDouble(args[1]) * 1000);
    EventLoopGroup loop = new NioEventLoopGroup(1);
    try {
      Echo echo = new Echo();
      Channel server =
          new ServerBootstrap()
              .group(loop)
              .channel(NioServerSocketChannel.class)
              .childOption(ChannelOption.TCP_NODELAY, true)
              .childHandler(
                  new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                      ch.pipeline().addLast(echo);
                    }
                  })
              .bind("127.0.0.1", port)
              .sync()
              .channel();
      ServerProbe.start(((InetSocketAddress) server.localAddress()).getPort());
      server.closeFuture().await(millis);
    } finally {
      loop.shutdownGracefully();
    }
  }
}
