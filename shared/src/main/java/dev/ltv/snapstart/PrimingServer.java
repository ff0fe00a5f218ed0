package dev.ltv.snapstart;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A stand-in DynamoDB on the loopback interface that answers each JSON-protocol call from memory, for priming
 * only. The function's own HTTP client (url-connection) talks to it, so priming loads and compiles the whole
 * request path — marshallers, signer, endpoint rules, the HTTP client, response parsing — before a SnapStart
 * snapshot, without leaving the machine. Every answer closes its connection and {@link #close()} closes the
 * socket, so no connection survives into the snapshot; no real item or credential is involved.
 */
public final class PrimingServer implements AutoCloseable {

    /** What the stand-in answers: a JSON body for the operation (GetItem, PutItem…) and the request's body. */
    @FunctionalInterface
    public interface Answers {
        String answer(String operation, String requestBody);
    }

    private final ServerSocket socket;
    private final Thread acceptor;

    private PrimingServer(Answers answers) throws IOException {
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(() -> serve(answers), "priming-dynamodb");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static PrimingServer start(Answers answers) {
        try {
            return new PrimingServer(answers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }

    private void serve(Answers answers) {
        while (!socket.isClosed()) {
            try (Socket connection = socket.accept()) {
                answer(connection, answers);
            } catch (IOException e) {
                // closed, or a client that went away: priming goes on without this answer
            }
        }
    }

    private static void answer(Socket connection, Answers answers) throws IOException {
        InputStream in = new BufferedInputStream(connection.getInputStream());
        String operation = "";
        int length = 0;
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("x-amz-target:")) {
                String target = line.substring(line.indexOf(':') + 1).trim();
                operation = target.substring(target.indexOf('.') + 1);
            } else if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        String requestBody = new String(in.readNBytes(length), StandardCharsets.UTF_8);
        byte[] body = answers.answer(operation, requestBody).getBytes(StandardCharsets.UTF_8);
        OutputStream out = connection.getOutputStream();
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.0\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() {
        try {
            socket.close();
            acceptor.join(1_000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
