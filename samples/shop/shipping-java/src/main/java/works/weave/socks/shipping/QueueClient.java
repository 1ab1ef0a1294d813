package works.weave.socks.shipping;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Talks to the queue (RabbitMQ) and the carts service. */
public class QueueClient {
    // v6ready-expect: V6008
    private static final Pattern IPV4 = Pattern.compile("^\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}$");

    private final String rabbitHost = System.getProperty("rabbit.host", "10.0.0.12");

    Socket connectRabbit() throws Exception {
        return new Socket(rabbitHost, 5672); // v6ready-expect: V6003
    }

    Socket connectCarts() throws Exception {
        return new Socket(System.getenv("CARTS_HOST"), 80);
    }

    String cartsUrl(String cartsHost, int cartsPort) {
        return "http://" + cartsHost + ":" + cartsPort + "/carts"; // v6ready-expect: V6005
    }

    String cartsUrlBracketed(String cartsHost, int cartsPort) {
        return "http://[" + cartsHost + "]:" + cartsPort + "/carts";
    }

    String hostOf(String address) {
        String[] parts = address.split(":"); // v6ready-expect: V6006
        return parts[0];
    }

    InetAddress resolve(String name) throws Exception {
        return InetAddress.getAllByName(name)[0]; // v6ready-expect: V6009
    }

    List<InetAddress> all(String name) throws Exception {
        return Arrays.asList(InetAddress.getAllByName(name));
    }

    byte[] octets(InetAddress a) {
        Inet4Address v4 = (Inet4Address) a; // v6ready-expect: V6008
        return v4.getAddress();
    }

    String family(InetAddress a) {
        if (a instanceof Inet4Address) return "ipv4";
        if (a instanceof Inet6Address) return "ipv6";
        return "unknown";
    }

    boolean isIpv4(String s) {
        return IPV4.matcher(s).matches();
    }

    String log(String host, int port) {
        System.out.println("connecting to " + host + ":" + port);
        return Arrays.stream(new String[] { host }).collect(Collectors.joining(","));
    }
}
