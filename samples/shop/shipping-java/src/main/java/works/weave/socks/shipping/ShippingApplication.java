package works.weave.socks.shipping;

import java.net.InetSocketAddress;
import java.net.ServerSocket;

import org.springframework.beans.factory.annotation.Value;

/**
 * Sock Shop's shipping service, with the IPv4-only mistakes real Java services make (each marked) next to the
 * dual-stack forms that must stay unreported.
 */
public class ShippingApplication {
    static final String ADMIN_BIND = "127.0.0.1";

    @Value("${shipping.bind:0.0.0.0}")
    private String bindHost;

    public static void main(String[] args) throws Exception {
        // v6ready-expect: V6007
        System.setProperty("java.net.preferIPv4Stack", "true");
        new ShippingApplication().start();
    }

    void start() throws Exception {
        // dual-stack in Java: 0.0.0.0 and no host accept IPv4 and IPv6 clients
        ServerSocket api = new ServerSocket();
        api.bind(new InetSocketAddress(bindHost, 8080));
        ServerSocket metrics = new ServerSocket();
        metrics.bind(new InetSocketAddress(9100));

        ServerSocket admin = new ServerSocket();
        admin.bind(new InetSocketAddress(ADMIN_BIND, 8081)); // v6ready-expect: V6002
    }
}
