package dev.ltv.query;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ltv.api.Json;
import dev.ltv.model.CompanyForecast;
import dev.ltv.model.MeasuredLifespan;
import dev.ltv.model.ModelCandidate;
import dev.ltv.model.ModelChoice;
import dev.ltv.model.ModelStore;
import dev.ltv.model.StoredModel;
import dev.ltv.predict.ClvModel;
import dev.ltv.predict.GammaGammaFitter;
import dev.ltv.predict.HoldoutData;
import dev.ltv.predict.HoldoutScorecard;
import dev.ltv.predict.ModelKind;
import dev.ltv.predict.PurchaseFit;
import dev.ltv.predict.PurchaseModelFitter;
import dev.ltv.predict.RfmSummary;
import dev.ltv.predict.TimeUnit;
import dev.ltv.predict.Transaction;
import dev.ltv.predict.TransactionCsv;
import org.junit.jupiter.api.Test;

import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.ltv.query.QueryFixture.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A model version whose fit chose Pareto/NBD: the LTV response predicts with it and gives its interval,
 * {@code GET /model} shows the choice, candidates and scorecards, {@code GET /metrics} the forecast and the
 * measured lifespan. The version is fitted here on CDNOW with the calculation module and stored as the fit would.
 */
class ChosenModelQueryIT {

    private static final LocalDate CALIBRATION_END = LocalDate.of(1997, 6, 30);
    private static final LocalDate AS_OF = LocalDate.of(1997, 9, 30);

    static StoredModel saveParetoChosen(QueryFixture fx) throws Exception {
        List<Transaction> log;
        try (Reader in = Files.newBufferedReader(QueryFixture.eventsFolder().getParent()
                .resolve("shared/src/test/resources/cdnow_transactions.csv"), StandardCharsets.UTF_8)) {
            log = TransactionCsv.read(in).stream().filter(t -> !t.day().isAfter(AS_OF)).toList();
        }
        RfmSummary all = RfmSummary.fromTransactions(log, AS_OF, TimeUnit.WEEKS);
        ClvModel base = (ClvModel) ClvModel.fit(all);
        HoldoutData holdout = HoldoutData.fromTransactions(log, CALIBRATION_END, AS_OF, TimeUnit.WEEKS);
        var spend = new GammaGammaFitter().fit(holdout.calibrationSpend()).model();
        PurchaseModelFitter fitter = new PurchaseModelFitter();
        List<ModelCandidate> candidates = new ArrayList<>();
        for (ModelKind kind : List.of(ModelKind.BGNBD, ModelKind.PARETONBD)) {
            PurchaseFit fit = fitter.fit(kind, all.toBgNbdData(), TimeUnit.WEEKS);
            HoldoutScorecard card = HoldoutScorecard.score(fitter.fit(kind, holdout.calibration(), TimeUnit.WEEKS)
                    .model(), spend, holdout);
            candidates.add(new ModelCandidate(kind, fit, null, card, null));
        }
        candidates.add(new ModelCandidate(ModelKind.MBGNBD, null, "MBG/NBD: the optimiser did not converge",
                null, "MBG/NBD: the optimiser did not converge (calibration period)"));
        ModelChoice choice = new ModelChoice(ModelKind.PARETONBD, ModelChoice.Selection.AUTO, CALIBRATION_END, AS_OF,
                candidates, GammaGammaFitter.logParameterCovariance(base.spend(), all.toGammaGammaData()));
        return new ModelStore(fx.dynamo.client(), fx.config.ltvTable()).save(base, 946,
                Instant.parse("2026-11-01T03:00:00Z"), new StoredModel.FitPass(choice,
                        MeasuredLifespan.of(365, 1200, 1200L * 100), new CompanyForecast(AS_OF, 12, 2357, 612.25,
                                1234.5, 45678.9049)));
    }

    @Test
    void theLtvResponsePredictsWithTheChosenModelAndItsInterval() throws Exception {
        QueryFixture fx = new QueryFixture("chosen-ltv");
        fx.customerC1001(); // x = 2, t_x = 171 days, T = 314 days on 2026-11-20
        StoredModel saved = saveParetoChosen(fx);
        JsonNode predictive = Json.MAPPER.readTree(fx.invoke(event("query-hit.json")).getBody()).path("predictive");
        assertEquals("OK", predictive.path("status").asText(), predictive.toString());
        assertEquals("paretonbd", predictive.path("model").asText());
        double expected = ModelKind.PARETONBD.model(saved.choice().chosen().fit().parameters(), TimeUnit.WEEKS)
                .probabilityAlive(2, 171 / 7.0, 314 / 7.0);
        assertEquals(expected, predictive.path("probabilityAlive").asDouble(), 5e-7);
        JsonNode interval = predictive.path("interval");
        assertEquals(0, new BigDecimal("0.90").compareTo(interval.path("level").decimalValue()), interval.toString());
        for (String figure : List.of("expectedPurchases", "probabilityAlive", "clv")) {
            BigDecimal low = interval.path(figure).path("low").decimalValue();
            BigDecimal high = interval.path(figure).path("high").decimalValue();
            BigDecimal point = predictive.path(figure).decimalValue();
            assertTrue(low.compareTo(point) <= 0 && point.compareTo(high) <= 0 && low.compareTo(high) < 0,
                    figure + ": " + interval);
        }
        // a new container (a new handler, its own cache and draws) gives the same interval
        QueryLtvHandler other = new QueryLtvHandler(fx.config, fx.dynamo.client(),
                java.time.Clock.fixed(QueryFixture.NOW, java.time.ZoneOffset.UTC));
        JsonNode again = Json.MAPPER.readTree(other.handleRequest(event("query-hit.json"), null).getBody())
                .path("predictive");
        assertEquals(interval, again.path("interval"));
    }

    @Test
    void theModelRouteShowsTheChoiceCandidatesAndScorecards() throws Exception {
        QueryFixture fx = new QueryFixture("chosen-model");
        StoredModel saved = saveParetoChosen(fx);
        APIGatewayV2HTTPEvent request = event("query-metrics.json");
        request.setRouteKey("GET /model");
        request.setRawPath("/model");
        request.setQueryStringParameters(null);
        JsonNode model = Json.MAPPER.readTree(fx.invoke(request).getBody()).path("model");
        assertEquals("paretonbd", model.path("kind").asText(), model.toString());
        assertEquals("auto", model.path("selection").asText());
        assertEquals(saved.choice().chosen().fit().parameters()[2], model.path("paretonbd").path("s").asDouble());
        assertFalse(model.has("mbgnbd"));
        assertEquals("1997-06-30", model.path("holdout").path("calibrationEnd").asText());
        JsonNode candidates = model.path("candidates");
        assertEquals(3, candidates.size());
        assertEquals("REFUSED", candidates.get(2).path("status").asText());
        assertTrue(candidates.get(2).path("reason").asText().contains("did not converge"));
        HoldoutScorecard pareto = saved.choice().chosen().scorecard();
        assertEquals(pareto.actualPurchases(), model.path("scorecard").path("actualPurchases").asLong());
        assertEquals(pareto.purchasesRmse(), candidates.get(1).path("scorecard").path("purchasesRmse").asDouble());
        assertEquals(8, candidates.get(1).path("scorecard").path("calibrationPlot").size());
        assertEquals(saved.choice().chosen().fit().standardErrors()[0],
                candidates.get(1).path("standardErrors").path("r").asDouble());
        assertEquals(0, new BigDecimal("0.273785").compareTo(model.path("measuredLifespan").path("years").decimalValue()));
    }

    @Test
    void theMetricsCarryTheForecastAndTheMeasuredLifespan() throws Exception {
        QueryFixture fx = new QueryFixture("chosen-metrics");
        fx.customerC1001();
        saveParetoChosen(fx);
        APIGatewayV2HTTPEvent request = event("query-metrics.json");
        request.setQueryStringParameters(null);
        request.setRawQueryString("");
        JsonNode body = Json.MAPPER.readTree(fx.invoke(request).getBody());
        JsonNode forecast = body.path("forecast");
        assertEquals(1, forecast.path("modelVersion").asLong(), body.toString());
        assertEquals("1997-09-30", forecast.path("asOf").asText());
        assertEquals(12, forecast.path("horizonMonths").asInt());
        assertEquals(0, new BigDecimal("612.250000").compareTo(forecast.path("expectedActiveCustomers").decimalValue()));
        assertEquals(0, new BigDecimal("45678.90").compareTo(forecast.path("expectedRevenue").decimalValue()));
        JsonNode lifespan = body.path("measuredLifespan");
        assertEquals(1200, lifespan.path("lapsedCustomers").asLong());
        assertEquals(365, lifespan.path("lapseDays").asInt());
        assertEquals(1, lifespan.path("modelVersion").asLong());
        // 100 days on average: 100 / 365.25 years
        assertEquals(0, new BigDecimal("0.273785").compareTo(lifespan.path("years").decimalValue()), lifespan.toString());
    }

    private static JsonNode answer(QueryFixture fx, QueryLtvHandler handler, String file, String query) throws Exception {
        APIGatewayV2HTTPEvent request = event(file);
        request.setQueryStringParameters(query == null ? null : Map.of("lifespanYears", query));
        request.setRawQueryString(query == null ? "" : "lifespanYears=" + query);
        var response = handler == null ? fx.invoke(request) : handler.handleRequest(request, null);
        if (handler != null) {
            dev.ltv.testing.OpenApiContract.load().check(request, response);
        }
        assertEquals(200, response.getStatusCode(), response.getBody());
        return Json.MAPPER.readTree(response.getBody());
    }

    @Test
    void lifespanYearsMeasuredUsesTheModelsMeasurement() throws Exception {
        QueryFixture fx = new QueryFixture("measured-lifespan");
        fx.customerC1001(); // customer value 180.00 a year

        // no model yet: a clear 422 naming the parameter, for the customer and the company
        QueryFixture none = new QueryFixture("measured-none");
        none.customerC1001();
        for (String file : List.of("query-hit.json", "query-metrics.json")) {
            APIGatewayV2HTTPEvent request = event(file);
            request.setQueryStringParameters(Map.of("lifespanYears", "measured"));
            request.setRawQueryString("lifespanYears=measured");
            var refused = none.invoke(request);
            QueryFixture.assertError(422, "INSUFFICIENT_DATA", "lifespanYears", refused);
            assertTrue(refused.getBody().contains("no model has been fitted yet"), refused.getBody());
        }

        saveParetoChosen(fx); // 1,200 lapsed customers, 100 days on average: 0.273785 years
        JsonNode customer = answer(fx, null, "query-hit.json", "measured");
        JsonNode parameters = customer.path("parameters");
        assertEquals(0, new BigDecimal("0.273785").compareTo(parameters.path("lifespanYears").decimalValue()));
        assertEquals("measured", parameters.path("sources").path("lifespanYears").asText());
        assertEquals(1, parameters.path("lifespanModelVersion").asLong());
        // 180.00 a year × 0.273785 years = 49.2813
        assertEquals(0, new BigDecimal("49.28").compareTo(customer.path("classic").path("ltv").decimalValue()),
                customer.toString());
        JsonNode company = answer(fx, null, "query-metrics.json", "measured");
        assertEquals("measured", company.path("parameters").path("sources").path("lifespanYears").asText());

        // LIFESPAN_YEARS=measured in the deployment: the same without the parameter; a request's number still wins
        Map<String, String> env = new java.util.HashMap<>();
        env.put("PURCHASES_TABLE", fx.config.purchasesTable());
        env.put("LTV_TABLE", fx.config.ltvTable());
        env.put("DYNAMODB_ENDPOINT", fx.dynamo.endpoint().toString());
        env.put("LIFESPAN_YEARS", "measured");
        QueryLtvHandler configured = new QueryLtvHandler(dev.ltv.config.LtvConfig.from(dev.ltv.config.Env.of(env)),
                fx.dynamo.client(), java.time.Clock.fixed(QueryFixture.NOW, java.time.ZoneOffset.UTC));
        JsonNode byConfiguration = answer(fx, configured, "query-hit.json", null);
        assertEquals("measured", byConfiguration.path("parameters").path("sources").path("lifespanYears").asText());
        assertEquals(0, new BigDecimal("49.28").compareTo(byConfiguration.path("classic").path("ltv").decimalValue()));
        JsonNode overridden = answer(fx, configured, "query-hit.json", "2");
        assertEquals("request", overridden.path("parameters").path("sources").path("lifespanYears").asText());
        assertEquals(0, new BigDecimal("360.00").compareTo(overridden.path("classic").path("ltv").decimalValue()));
    }
}
