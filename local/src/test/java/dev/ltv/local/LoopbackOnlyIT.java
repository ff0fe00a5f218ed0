package dev.ltv.local;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The local stack holds unauthenticated data: none of its ports may be reachable from another host. Checked two
 * ways: every listening socket this JVM owns (from /proc, so a port nobody thought of is found too) is bound to a
 * loopback address, and a connection to each of the stack's ports on every non-loopback address of this machine
 * is refused.
 */
class LoopbackOnlyIT {

    /** A listening TCP socket of this process, as /proc/net/tcp{,6} describe it. */
    record Listener(InetAddress address, int port) {
        boolean loopback() {
            return address.isLoopbackAddress();
        }
    }

    @Test
    void everyPortOfTheStackIsOnLoopbackOnly() throws IOException {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "needs Linux /proc");
        try (LocalStack stack = LocalStack.start(TestStacks.options())) {
            List<Listener> listeners = listeners();
            Set<Integer> ports = new HashSet<>();
            listeners.forEach(listener -> ports.add(listener.port()));
            assertTrue(ports.contains(stack.baseUri().getPort()), "the HTTP API was found: " + listeners);
            assertTrue(ports.contains(stack.dynamoDbEndpoint().getPort()), "DynamoDB Local was found: " + listeners);
            for (Listener listener : listeners) {
                assertTrue(listener.loopback(), () -> "listens beyond loopback: " + listener + " (all: " + listeners + ")");
            }

            List<InetAddress> outside = nonLoopbackAddresses();
            for (InetAddress address : outside) {
                for (int port : ports) {
                    assertFalse(accepts(address, port), "port " + port + " accepts a connection on " + address);
                }
            }
            // the check above must be able to fail: loopback itself does accept
            assertTrue(accepts(InetAddress.getLoopbackAddress(), stack.dynamoDbEndpoint().getPort()));
        }
    }

    private static List<Listener> listeners() throws IOException {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            fds.forEach(fd -> {
                try {
                    String link = Files.readSymbolicLink(fd).toString();
                    if (link.startsWith("socket:[")) {
                        inodes.add(link.substring("socket:[".length(), link.length() - 1));
                    }
                } catch (IOException vanished) {
                    // closed meanwhile
                }
            });
        }
        List<Listener> found = new ArrayList<>();
        for (String file : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path path = Path.of(file);
            if (!Files.exists(path)) {
                continue;
            }
            List<String> lines = Files.readAllLines(path);
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                // local_address rem_address st ... inode (10th column); st 0A = LISTEN
                if (f[3].equals("0A") && inodes.contains(f[9])) {
                    String[] local = f[1].split(":");
                    found.add(new Listener(address(local[0]), Integer.parseInt(local[1], 16)));
                }
            }
        }
        assertFalse(found.isEmpty(), "no listening socket of this process found");
        return found;
    }

    /** /proc writes addresses as little-endian 32-bit words in hex. */
    static InetAddress address(String hex) throws IOException {
        byte[] bytes = new byte[hex.length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            for (int i = 0; i < 4; i++) {
                int at = word * 8 + (3 - i) * 2;
                bytes[word * 4 + i] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
            }
        }
        // an IPv4-mapped address (::ffff:127.0.0.1) comes back as the Inet4Address it maps
        return InetAddress.getByAddress(bytes);
    }

    private static List<InetAddress> nonLoopbackAddresses() throws SocketException {
        List<InetAddress> addresses = new ArrayList<>();
        for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (network.isUp()) {
                network.inetAddresses().filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress()).forEach(addresses::add);
            }
        }
        return addresses;
    }

    private static boolean accepts(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 500);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    @Test
    void procAddressesAreDecoded() throws IOException {
        assertEquals(InetAddress.getByName("127.0.0.1"), address("0100007F"));
        assertTrue(address("00000000").isAnyLocalAddress());
        assertTrue(address("00000000000000000000000000000000").isAnyLocalAddress());
        assertEquals(InetAddress.getByName("::1"), address("00000000000000000000000001000000"));
        assertEquals(InetAddress.getByName("127.0.0.1"), address("0000000000000000FFFF00000100007F"));
        assertFalse(new Listener(address("00000000"), 80).loopback());
    }
}
