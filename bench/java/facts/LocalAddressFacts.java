import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;

/**
 * Runtime facts behind V6004 for Java (loopback only; a datagram connect sends no packet): the local address a
 * connected datagram socket reports has the family of the connected target, so "connect to an IPv4 literal, then
 * getLocalAddress()" can only ever learn an IPv4 address. Also prints what InetAddress.getLocalHost() gives here.
 * Run: java LocalAddressFacts.java, and again with -Djava.net.preferIPv4Stack=true.
 */
public class LocalAddressFacts {
    public static void main(String[] args) throws Exception {
        System.out.println("java " + System.getProperty("java.version") + " preferIPv4Stack=" + System.getProperty("java.net.preferIPv4Stack"));
        for (String target : new String[] { "127.0.0.1", "::1" }) {
            String socket;
            try (DatagramSocket s = new DatagramSocket()) {
                s.connect(InetAddress.getByName(target), 9);
                socket = "local " + s.getLocalAddress().getHostAddress();
            } catch (Exception e) {
                socket = "fails: " + e;
            }
            String channel;
            try (DatagramChannel c = DatagramChannel.open()) {
                c.connect(new InetSocketAddress(target, 9));
                channel = "local " + c.getLocalAddress();
            } catch (Exception e) {
                channel = "fails: " + e;
            }
            System.out.println("DatagramSocket.connect(" + target + ") then getLocalAddress: " + socket);
            System.out.println("DatagramChannel.connect(" + target + ") then getLocalAddress: " + channel);
        }
        try {
            InetAddress local = InetAddress.getLocalHost();
            System.out.println("InetAddress.getLocalHost(): " + local.getHostName() + " -> " + local.getHostAddress() + " (one address; the resolver's first)");
        } catch (Exception e) {
            System.out.println("InetAddress.getLocalHost() fails: " + e);
        }
    }
}
