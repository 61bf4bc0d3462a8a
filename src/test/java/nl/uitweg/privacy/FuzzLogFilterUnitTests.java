package nl.uitweg.privacy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The log filter of {@link FrameFuzzingIntegrationTests}: a buffer leak of a test's own
 * HTTP client is left out, a leak in the server's edge and any other ERROR line are kept.
 */
class FuzzLogFilterUnitTests {

	private static final String CLIENT_LEAK = """
			2026-12-01T05:57:17.827Z ERROR 8406 --- [uitweg] [EventLoop-478-1] io.netty.util.ResourceLeakDetector       : LEAK: ByteBuf.release() was not called before it's garbage-collected. See https://netty.io/wiki/reference-counted-objects.html for more information.
			Recent access records:\s
			#1:
				io.netty.handler.codec.http.HttpObjectDecoder.decode(HttpObjectDecoder.java:396)
				io.netty.handler.codec.http.HttpClientCodec$Decoder.decode(HttpClientCodec.java:320)
			Created at:
				io.netty.buffer.AdaptiveByteBufAllocator.newDirectBuffer(AdaptiveByteBufAllocator.java:67)
			""";

	private static final String SERVER_LEAK = """
			2026-12-01T05:57:18.001Z ERROR 8406 --- [uitweg] [ux-http-epoll-2] io.netty.util.ResourceLeakDetector       : LEAK: ByteBuf.release() was not called before it's garbage-collected. See https://netty.io/wiki/reference-counted-objects.html for more information.
			Recent access records:\s
			#1:
				io.netty.handler.codec.http.HttpObjectDecoder.decode(HttpObjectDecoder.java:396)
				io.netty.handler.codec.http.HttpServerCodec$HttpServerRequestDecoder.decode(HttpServerCodec.java:150)
			Created at:
				io.netty.buffer.AdaptiveByteBufAllocator.newDirectBuffer(AdaptiveByteBufAllocator.java:67)
			""";

	private static final String INFO = "2026-12-01T05:57:19.000Z  INFO 8406 --- [uitweg] [main] nl.uitweg.Some : fine\n";

	private static final String TRANSPORT_ERROR = "2026-12-01T05:57:20.000Z ERROR 8406 --- [uitweg] [ux-http-epoll-1] n.u.transport.SocketGuard : unexpected failure on a frame\n";

	@Test
	void aClientsLeakIsLeftOutAndTheServersIsKept() {
		var errors = FrameFuzzingIntegrationTests.serverErrors(INFO + CLIENT_LEAK + INFO + SERVER_LEAK + INFO);

		assertThat(errors).hasSize(1);
		assertThat(errors.get(0)).contains("ux-http-epoll-2").contains("LEAK");
	}

	@Test
	void otherErrorLinesAreKeptAndInfoLinesAreNot() {
		var errors = FrameFuzzingIntegrationTests.serverErrors(INFO + TRANSPORT_ERROR + INFO);

		assertThat(errors).containsExactly(TRANSPORT_ERROR.strip());
	}

}
