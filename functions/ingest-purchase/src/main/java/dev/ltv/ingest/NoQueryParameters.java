package dev.ltv.ingest;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.ltv.api.ApiException;

import java.util.Map;
import java.util.TreeSet;

/**
 * The write routes take no query parameter. One is refused, not ignored: a client that believes
 * {@code ?dryRun=true} or {@code ?validateOnly=1} changes what happens would otherwise get a write.
 */
final class NoQueryParameters {

    private NoQueryParameters() {
    }

    static void require(APIGatewayV2HTTPEvent event, String route) {
        Map<String, String> parameters = event.getQueryStringParameters();
        if (parameters != null && !parameters.isEmpty()) {
            String name = new TreeSet<>(parameters.keySet()).first();
            throw ApiException.badRequest("UNKNOWN_PARAMETER", name, "unknown query parameter '" + name + "': " + route
                    + " takes no query parameter (nothing was written)");
        }
    }
}
