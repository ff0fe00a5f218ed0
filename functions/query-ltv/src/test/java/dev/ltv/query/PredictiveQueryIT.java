package dev.ltv.query;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ltv.api.Json;
import dev.ltv.model.ModelStore;
import dev.ltv.predict.BgNbdFit;
import dev.ltv.predict.BgNbdModel;
import dev.ltv.predict.BgNbdParameters;
import dev.ltv.predict.ClvModel;
import dev.ltv.predict.GammaGammaFit;
import dev.ltv.predict.GammaGammaParameters;
import dev.ltv.predict.TimeUnit;
import dev.ltv.store.Keys;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import static dev.ltv.query.QueryFixture.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With a fitted model stored, the customer's answer carries the predictive figures at the requested asOf. */
class PredictiveQueryIT {

    // the published CDNOW figures (weeks): BG/NBD r, α, a, b; Gamma-Gamma p, q, γ
    private static final BgNbdParameters BG_NBD = new BgNbdParameters(0.243, 4.414, 0.793, 2.426, TimeUnit.WEEKS);
    private static final GammaGammaParameters GAMMA_GAMMA = new GammaGammaParameters(6.25, 3.74, 15.44);

    @Test
    void theLatestModelGivesThePredictiveSectionAndPAliveDecaysWithAsOf() throws Exception {
        QueryFixture fx = new QueryFixture("predictive");
        fx.customerC1001(); // purchases on 2026-01-10, 2026-03-01, 2026-06-30: x = 2, t_x = 171 days, 100 + 50 + 30
        ClvModel model = new ClvModel(new BgNbdFit(BG_NBD, -9582.4, 2357, 0), new GammaGammaFit(GAMMA_GAMMA, 0, 946, 0),
                LocalDate.of(2026, 10, 31));
        new ModelStore(fx.dynamo.client(), fx.config.ltvTable()).save(model, 946, Instant.parse("2026-11-01T03:00:00Z"));

        JsonNode now = predictive(fx, "query-hit.json", null);
        assertEquals("OK", now.path("status").asText(), now.toString());
        assertEquals(1, now.path("modelVersion").asLong());
        assertEquals("weeks", now.path("unit").asText().toLowerCase());
        assertEquals(12, now.path("horizonMonths").asInt());

        // P(alive) from the BG/NBD formula for x = 2, t_x = 171/7, T = (2026-11-20 − 2026-01-10 = 314 days)/7
        double expected = new BgNbdModel(BG_NBD).probabilityAlive(2, 171 / 7.0, 314 / 7.0);
        assertEquals(expected, now.path("probabilityAlive").asDouble(), 5e-7);
        // Gamma-Gamma: (γ + x·m̄)·p / (p·x + q − 1) with m̄ = (50 + 30) / 2 = 40 → (15.44 + 80) × 6.25 / (12.5 + 3.74 − 1) = 596.5 / 15.24 = 39.14
        assertEquals(0, new java.math.BigDecimal("39.14").compareTo(now.path("expectedSpend").decimalValue()), now.toString());
        assertTrue(now.path("clv").decimalValue().signum() > 0);

        // a year later without a purchase: less likely alive, lower CLV
        JsonNode later = predictive(fx, "query-hit.json", "2027-06-30");
        assertTrue(later.path("probabilityAlive").asDouble() < now.path("probabilityAlive").asDouble(), later.toString());
        assertTrue(later.path("clv").decimalValue().compareTo(now.path("clv").decimalValue()) < 0, later.toString());
    }

    @Test
    void aModelThatCannotBeReadLeavesTheClassicFiguresIntact() throws Exception {
        QueryFixture fx = new QueryFixture("unreadable-model");
        fx.customerC1001();
        // a LATEST item without the model's parameters (a hand edit, an older format): reading it fails
        fx.dynamo.client().putItem(b -> b.tableName(fx.config.ltvTable()).item(Map.of(
                Keys.PK, AttributeValue.fromS(Keys.model(Keys.CLV_MODEL)), Keys.SK, AttributeValue.fromS(Keys.LATEST),
                "modelVersion", AttributeValue.fromN("3"), "fittedAt", AttributeValue.fromS("yesterday"))));

        APIGatewayV2HTTPResponse response = fx.invoke(event("query-hit.json"));

        assertEquals(200, response.getStatusCode(), response.getBody());
        JsonNode body = Json.MAPPER.readTree(response.getBody());
        // the README walk-through: 180.00 a year over the default 3 years
        assertEquals(0, new java.math.BigDecimal("540.00").compareTo(body.path("classic").path("ltv").decimalValue()),
                response.getBody());
        assertEquals("{\"status\":\"INSUFFICIENT_DATA\",\"reason\":\"the predictive model could not be read; retry later\"}",
                body.path("predictive").toString());
    }

    private static JsonNode predictive(QueryFixture fx, String file, String asOf) throws Exception {
        APIGatewayV2HTTPEvent event = event(file);
        if (asOf != null) {
            event.setQueryStringParameters(Map.of("asOf", asOf));
            event.setRawQueryString("asOf=" + asOf);
        }
        APIGatewayV2HTTPResponse response = fx.invoke(event);
        assertEquals(200, response.getStatusCode(), response.getBody());
        return Json.MAPPER.readTree(response.getBody()).path("predictive");
    }
}
