package dev.ltv.cli.sigv4;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Adds authentication headers to a request about to be sent. */
public interface RequestSigner {

    /** The headers to send: those given plus the signature's (names in lower case). */
    Map<String, List<String>> sign(String method, URI uri, Map<String, String> headers, byte[] body);

    /** Headers java.net.http sets itself and refuses from callers (it sends the same host and length that were signed). */
    Set<String> SET_BY_THE_CLIENT = Set.of("host", "content-length", "connection", "expect", "upgrade");

    /** Puts signed headers on a request, except those the HTTP client sets itself. */
    static void copyTo(Map<String, List<String>> headers, HttpRequest.Builder request) {
        headers.forEach((name, values) -> {
            if (!SET_BY_THE_CLIENT.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
    }
}
