package dev.ltv.query;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ltv.api.Json;
import dev.ltv.model.FitAttempt;
import dev.ltv.model.ModelStore;
import dev.ltv.predict.BgNbdFit;
import dev.ltv.predict.BgNbdParameters;
import dev.ltv.predict.ClvModel;
import dev.ltv.predict.GammaGammaFit;
import dev.ltv.predict.GammaGammaParameters;
import dev.ltv.predict.StandardErrors;
import dev.ltv.predict.TimeUnit;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import static dev.ltv.query.QueryFixture.assertError;
import static dev.ltv.query.QueryFixture.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code GET /model}: the latest model and the last fit, read from the LTV table in DynamoDB Local. */
class ModelRouteIT {

    private static APIGatewayV2HTTPEvent modelRequest() throws Exception {
        APIGatewayV2HTTPEvent event = event("query-metrics.json");
        event.setRouteKey("GET /model");
        event.setRawPath("/model");
        event.setQueryStringParameters(null);
        return event;
    }

    private static JsonNode body(APIGatewayV2HTTPResponse response) throws Exception {
        assertEquals(200, response.getStatusCode(), response::getBody);
        return Json.MAPPER.readTree(response.getBody());
    }

    @Test
    void servesTheLatestModelAndTheLastFit() throws Exception {
        QueryFixture fx = new QueryFixture("model-route");
        ModelStore store = new ModelStore(fx.dynamo.client(), fx.config.ltvTable());

        JsonNode none = body(fx.invoke(modelRequest()));
        assertEquals("INSUFFICIENT_DATA", none.path("status").asText(), none.toString());
        assertTrue(none.path("reason").asText().contains("no predictive model has been fitted yet"), none.toString());
        assertFalse(none.has("model"));

        store.recordRefusal(FitAttempt.refused("needs at least 30 customers, has 3",
                Instant.parse("2026-11-01T03:00:00Z"), LocalDate.of(2026, 10, 31), TimeUnit.WEEKS, 3));
        JsonNode refused = body(fx.invoke(modelRequest()));
        assertEquals("INSUFFICIENT_DATA", refused.path("status").asText());
        assertTrue(refused.path("reason").asText().contains("needs at least 30 customers, has 3"), refused.toString());
        assertEquals("INSUFFICIENT_DATA", refused.path("lastFit").path("outcome").asText());
        assertEquals(3, refused.path("lastFit").path("customers").asLong());

        BgNbdParameters bgNbd = new BgNbdParameters(0.243, 4.414, 0.793, 2.426, TimeUnit.WEEKS);
        GammaGammaParameters spend = new GammaGammaParameters(6.25, 3.74, 15.44);
        store.save(new ClvModel(new BgNbdFit(bgNbd, -9582.4, 2357, 0), new GammaGammaFit(spend, -4000.5, 946, 0),
                LocalDate.of(1997, 9, 30), new StandardErrors(0.0125, 0.378, 0.185, 0.706, 1.2, 0.3, 2.1)), 1000,
                Instant.parse("2026-11-02T03:00:00Z"));
        JsonNode fitted = body(fx.invoke(modelRequest()));
        assertEquals("FITTED", fitted.path("status").asText(), fitted.toString());
        JsonNode model = fitted.path("model");
        assertEquals(1, model.path("version").asLong());
        assertEquals("1997-09-30", model.path("asOf").asText());
        assertEquals("weeks", model.path("unit").asText());
        assertEquals("bgnbd", model.path("kind").asText());
        assertEquals(2357, model.path("customers").asLong());
        assertEquals(1000, model.path("repeatCustomers").asLong());
        assertEquals(946, model.path("spendCustomers").asLong());
        assertEquals(0.243, model.path("bgnbd").path("r").asDouble(), 0);
        assertEquals(4.414, model.path("bgnbd").path("alpha").asDouble(), 0);
        assertEquals(-9582.4, model.path("bgnbd").path("logLikelihood").asDouble(), 0);
        assertEquals(15.44, model.path("gammaGamma").path("gamma").asDouble(), 0);
        assertEquals(0.0125, model.path("standardErrors").path("bgnbd").path("r").asDouble(), 0);
        assertEquals(0.706, model.path("standardErrors").path("bgnbd").path("b").asDouble(), 0);
        assertEquals(2.1, model.path("standardErrors").path("gammaGamma").path("gamma").asDouble(), 0);
        assertEquals("FITTED", fitted.path("lastFit").path("outcome").asText());
        assertEquals(1, fitted.path("lastFit").path("version").asLong());
        assertFalse(fitted.path("lastFit").has("reason"));

        // behind a catch-all route the path decides; no query parameter is accepted
        APIGatewayV2HTTPEvent catchAll = modelRequest();
        catchAll.setRouteKey("$default");
        assertEquals("FITTED", body(fx.invoke(catchAll)).path("status").asText());
        APIGatewayV2HTTPEvent withQuery = modelRequest();
        withQuery.setQueryStringParameters(Map.of("asOf", "2026-11-20"));
        assertError(400, "UNKNOWN_PARAMETER", "asOf", fx.invoke(withQuery));
    }
}
