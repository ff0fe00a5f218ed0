package dev.ltv.cli.importer;

import java.net.URI;
import java.util.List;
import java.util.Map;

/** Adds authentication headers to a request about to be sent. */
interface RequestSigner {

    /** The headers to send: those given plus the signature's (names in lower case). */
    Map<String, List<String>> sign(String method, URI uri, Map<String, String> headers, byte[] body);
}
