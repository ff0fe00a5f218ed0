package dev.ltv.snapstart;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;

import java.util.Map;

/**
 * Made-up items (in DynamoDB's JSON wire format) and requests that priming feeds through a function's real path.
 * Fixed values only: nothing here is unique to a container, so the snapshot can be shared by all of them.
 */
public final class SampleData {

    public static final String CUSTOMER_ID = "priming-customer";

    /** A customer's state item: three purchases over half a year. */
    public static final String STATE_ITEM = """
            {"pk":{"S":"CUSTOMER#priming-customer"},"sk":{"S":"STATE"},"customerId":{"S":"priming-customer"},
             "revenue":{"N":"180.00"},"purchases":{"N":"3"},"purchaseDays":{"N":"3"},"firstDay":{"S":"2026-01-10"},
             "lastDay":{"S":"2026-06-30"},"firstDaySpend":{"N":"100.00"},"frequencyPerYear":{"N":"3"},
             "version":{"N":"3"},"updatedAt":{"S":"2026-07-01T00:00:00Z"}}""";

    /** A purchase day item. */
    public static final String DAY_ITEM = """
            {"pk":{"S":"CUSTOMER#priming-customer"},"sk":{"S":"DAY#2026-06-30"},"spend":{"N":"30.00"},"purchases":{"N":"1"}}""";

    /** A fitted model (the published CDNOW parameters), so the predictive code runs too. */
    public static final String MODEL_ITEM = """
            {"pk":{"S":"MODEL#CLV"},"sk":{"S":"LATEST"},"modelVersion":{"N":"1"},"fittedAt":{"S":"2026-01-01T03:00:00Z"},
             "asOf":{"S":"2025-12-31"},"unit":{"S":"weeks"},"customers":{"N":"2357"},"repeatCustomers":{"N":"946"},
             "spendCustomers":{"N":"946"},"bgnbdR":{"N":"0.243"},"bgnbdAlpha":{"N":"4.414"},"bgnbdA":{"N":"0.793"},
             "bgnbdB":{"N":"2.426"},"bgnbdLogLikelihood":{"N":"-9582.4"},"gammaGammaP":{"N":"6.25"},
             "gammaGammaQ":{"N":"3.74"},"gammaGammaGamma":{"N":"15.44"},"gammaGammaLogLikelihood":{"N":"-4000.0"}}""";

    /** One shard of the company totals. */
    public static final String COMPANY_ITEM = """
            {"pk":{"S":"COMPANY#00"},"sk":{"S":"TOTALS"},"customers":{"N":"1"},"revenue":{"N":"180.00"},
             "purchases":{"N":"3"},"frequencySum":{"N":"3"}}""";

    private SampleData() {
    }

    /** {@code {"Item": item}}, or {@code {}} (no such item) when item is null. */
    public static String getItem(String item) {
        return item == null ? "{}" : "{\"Item\":" + item + "}";
    }

    /** A BatchGetItem answer with the given items of one table and nothing left unprocessed. */
    public static String batchGet(String table, String... items) {
        return "{\"Responses\":{\"" + table + "\":[" + String.join(",", items) + "]},\"UnprocessedKeys\":{}}";
    }

    /** An API Gateway HTTP API (payload 2.0) request as the API sends it for the route. */
    public static APIGatewayV2HTTPEvent http(String routeKey, String path, Map<String, String> pathParameters,
                                             String rawQueryString, String body) {
        String method = routeKey.substring(0, routeKey.indexOf(' '));
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0").withRouteKey(routeKey).withRawPath(path).withRawQueryString(rawQueryString)
                .withHeaders(Map.of("content-type", "application/json"))
                .withPathParameters(pathParameters)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRequestId("priming").withRouteKey(routeKey).withStage("$default")
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(path).build())
                        .build())
                .withBody(body).withIsBase64Encoded(false)
                .build();
    }
}
