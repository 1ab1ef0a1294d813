import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.util.Arrays;

/**
 * Runtime facts behind the Java rules (loopback only): binds a server to each host, then connects to 127.0.0.1 and
 * ::1. Run: java BindFacts.java, and again with -Djava.net.preferIPv4Stack=true.
 */
public class BindFacts {
    public static void main(String[] args) throws Exception {
        System.out.println("java " + System.getProperty("java.version") + " preferIPv4Stack=" + System.getProperty("java.net.preferIPv4Stack"));
        for (String host : new String[] { "0.0.0.0", "::", "127.0.0.1", "::1", "localhost", "<getLoopbackAddress>", "<no host>" }) {
            for (String api : new String[] { "ServerSocket", "ServerSocketChannel" }) {
                String result;
                try {
                    InetSocketAddress bind = host.equals("<no host>") ? new InetSocketAddress(0)
                        : host.equals("<getLoopbackAddress>") ? new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)
                        : new InetSocketAddress(host, 0);
                    if (api.equals("ServerSocket")) {
                        try (ServerSocket s = new ServerSocket()) {
                            s.bind(bind);
                            result = "bound " + s.getLocalSocketAddress() + " v4=" + connects("127.0.0.1", s.getLocalPort()) + " v6=" + connects("::1", s.getLocalPort());
                        }
                    } else {
                        try (ServerSocketChannel c = ServerSocketChannel.open()) {
                            c.bind(bind);
                            int port = ((InetSocketAddress) c.getLocalAddress()).getPort();
                            result = "bound " + c.getLocalAddress() + " v4=" + connects("127.0.0.1", port) + " v6=" + connects("::1", port);
                        }
                    }
                } catch (Exception e) {
                    result = "error " + e;
                }
                System.out.println(api + " " + host + ": " + result);
            }
        }
        System.out.println("getAllByName(localhost) = " + Arrays.toString(InetAddress.getAllByName("localhost")));
        System.out.println("getLoopbackAddress() = " + InetAddress.getLoopbackAddress());
        System.out.println("getByName([::1]) = " + InetAddress.getByName("[::1]"));
        System.out.println("new InetSocketAddress(\"[::1]\", 80) = " + new InetSocketAddress("[::1]", 80));
    }

    static boolean connects(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 1000);
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
