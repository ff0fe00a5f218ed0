package dev.ltv.model;

import dev.ltv.predict.HoldoutScorecard;
import dev.ltv.predict.ModelKind;
import dev.ltv.predict.PurchaseFit;
import dev.ltv.predict.TimeUnit;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps what the fit pass adds to a model version (candidates and choice, measured lifespan, company forecast)
 * to and from attributes of the version's item: nested maps and lists of numbers, doubles written with
 * {@link Double#toString} so they read back exactly. Three candidates with their covariances, scorecards and
 * calibration-plot tables come to a few kilobytes, far below DynamoDB's 400 KB item limit.
 */
final class FitPassItems {

    static final String MODEL_KIND = "modelKind";
    static final String SELECTION = "selection";
    static final String CALIBRATION_END = "calibrationEnd";
    static final String HOLDOUT_END = "holdoutEnd";
    static final String CANDIDATES = "candidates";
    static final String SPEND_COVARIANCE = "gammaGammaLogCovariance";
    static final String LIFESPAN = "measuredLifespan";
    static final String FORECAST = "forecast";

    private FitPassItems() {
    }

    static void put(Map<String, AttributeValue> item, StoredModel model) {
        ModelChoice choice = model.choice();
        if (choice != null) {
            item.put(MODEL_KIND, s(choice.kind().id()));
            item.put(SELECTION, s(choice.selection().name()));
            if (choice.calibrationEnd() != null) {
                item.put(CALIBRATION_END, s(choice.calibrationEnd().toString()));
                item.put(HOLDOUT_END, s(choice.holdoutEnd().toString()));
            }
            List<AttributeValue> candidates = new ArrayList<>();
            for (ModelCandidate c : choice.candidates()) {
                candidates.add(AttributeValue.fromM(candidate(c)));
            }
            item.put(CANDIDATES, AttributeValue.fromL(candidates));
            if (choice.spendLogCovariance() != null) {
                item.put(SPEND_COVARIANCE, matrix(choice.spendLogCovariance()));
            }
        }
        if (model.lifespan() != null) {
            MeasuredLifespan l = model.lifespan();
            Map<String, AttributeValue> m = new HashMap<>();
            m.put("lapseDays", ModelItems.n(l.lapseDays()));
            m.put("lapsedCustomers", ModelItems.n(l.lapsedCustomers()));
            if (l.years() != null) {
                m.put("years", ModelItems.n(l.years()));
            }
            item.put(LIFESPAN, AttributeValue.fromM(m));
        }
        if (model.forecast() != null) {
            CompanyForecast f = model.forecast();
            item.put(FORECAST, AttributeValue.fromM(Map.of(
                    "asOf", s(f.asOf().toString()),
                    "horizonMonths", ModelItems.n(f.horizonMonths()),
                    "customers", ModelItems.n(f.customers()),
                    "expectedActiveCustomers", ModelItems.n(f.expectedActiveCustomers()),
                    "expectedPurchases", ModelItems.n(f.expectedPurchases()),
                    "expectedRevenue", ModelItems.n(f.expectedRevenue()))));
        }
    }

    static ModelChoice choice(Map<String, AttributeValue> item, TimeUnit unit) {
        if (!item.containsKey(MODEL_KIND)) {
            return null;
        }
        List<ModelCandidate> candidates = new ArrayList<>();
        for (AttributeValue c : item.get(CANDIDATES).l()) {
            candidates.add(candidate(c.m(), unit));
        }
        return new ModelChoice(ModelKind.parse(item.get(MODEL_KIND).s()),
                ModelChoice.Selection.valueOf(item.get(SELECTION).s()),
                item.containsKey(CALIBRATION_END) ? LocalDate.parse(item.get(CALIBRATION_END).s()) : null,
                item.containsKey(HOLDOUT_END) ? LocalDate.parse(item.get(HOLDOUT_END).s()) : null,
                candidates, item.containsKey(SPEND_COVARIANCE) ? matrix(item.get(SPEND_COVARIANCE)) : null);
    }

    static MeasuredLifespan lifespan(Map<String, AttributeValue> item) {
        AttributeValue value = item.get(LIFESPAN);
        if (value == null) {
            return null;
        }
        Map<String, AttributeValue> m = value.m();
        return new MeasuredLifespan(Math.toIntExact(whole(m, "lapseDays")), whole(m, "lapsedCustomers"),
                m.containsKey("years") ? real(m, "years") : null);
    }

    static CompanyForecast forecast(Map<String, AttributeValue> item) {
        AttributeValue value = item.get(FORECAST);
        if (value == null) {
            return null;
        }
        Map<String, AttributeValue> m = value.m();
        return new CompanyForecast(LocalDate.parse(m.get("asOf").s()), Math.toIntExact(whole(m, "horizonMonths")),
                whole(m, "customers"), real(m, "expectedActiveCustomers"), real(m, "expectedPurchases"),
                real(m, "expectedRevenue"));
    }

    private static Map<String, AttributeValue> candidate(ModelCandidate c) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put("kind", s(c.kind().id()));
        if (c.fit() != null) {
            PurchaseFit fit = c.fit();
            m.put("parameters", vector(fit.parameters()));
            m.put("logLikelihood", ModelItems.n(fit.logLikelihood()));
            m.put("customers", ModelItems.n(fit.customers()));
            m.put("logCovariance", matrix(fit.logCovariance()));
        } else {
            m.put("refusal", s(c.refusal()));
        }
        if (c.scorecard() != null) {
            m.put("scorecard", AttributeValue.fromM(scorecard(c.scorecard())));
        } else {
            m.put("scorecardRefusal", s(c.scorecardRefusal()));
        }
        return m;
    }

    private static ModelCandidate candidate(Map<String, AttributeValue> m, TimeUnit unit) {
        ModelKind kind = ModelKind.parse(m.get("kind").s());
        PurchaseFit fit = m.containsKey("parameters")
                ? new PurchaseFit(kind, vector(m.get("parameters")), unit, real(m, "logLikelihood"),
                real(m, "customers"), 0, matrix(m.get("logCovariance")))
                : null;
        return new ModelCandidate(kind, fit, m.containsKey("refusal") ? m.get("refusal").s() : null,
                m.containsKey("scorecard") ? scorecard(kind, m.get("scorecard").m()) : null,
                m.containsKey("scorecardRefusal") ? m.get("scorecardRefusal").s() : null);
    }

    private static Map<String, AttributeValue> scorecard(HoldoutScorecard c) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put("customers", ModelItems.n(c.customers()));
        m.put("span", ModelItems.n(c.span()));
        m.put("unit", s(c.unit().label()));
        m.put("actualPurchases", ModelItems.n(c.actualPurchases()));
        m.put("predictedPurchases", ModelItems.n(c.predictedPurchases()));
        m.put("purchasesMae", ModelItems.n(c.purchasesMae()));
        m.put("purchasesBias", ModelItems.n(c.purchasesBias()));
        m.put("purchasesRmse", ModelItems.n(c.purchasesRmse()));
        m.put("correlation", ModelItems.n(c.correlation()));
        m.put("actualRevenue", ModelItems.n(c.actualRevenue()));
        m.put("predictedRevenue", ModelItems.n(c.predictedRevenue()));
        m.put("spendMae", ModelItems.n(c.spendMae()));
        m.put("spendBias", ModelItems.n(c.spendBias()));
        List<AttributeValue> rows = new ArrayList<>();
        for (HoldoutScorecard.FrequencyRow row : c.byFrequency()) {
            rows.add(AttributeValue.fromM(Map.of("frequency", s(row.frequency()),
                    "customers", ModelItems.n(row.customers()), "actualMean", ModelItems.n(row.actualMean()),
                    "predictedMean", ModelItems.n(row.predictedMean()))));
        }
        m.put("byFrequency", AttributeValue.fromL(rows));
        return m;
    }

    private static HoldoutScorecard scorecard(ModelKind kind, Map<String, AttributeValue> m) {
        List<HoldoutScorecard.FrequencyRow> rows = new ArrayList<>();
        for (AttributeValue row : m.get("byFrequency").l()) {
            Map<String, AttributeValue> r = row.m();
            rows.add(new HoldoutScorecard.FrequencyRow(r.get("frequency").s(), Math.toIntExact(whole(r, "customers")),
                    real(r, "actualMean"), real(r, "predictedMean")));
        }
        return new HoldoutScorecard(kind, Math.toIntExact(whole(m, "customers")), real(m, "span"),
                TimeUnit.parse(m.get("unit").s()), whole(m, "actualPurchases"), real(m, "predictedPurchases"),
                real(m, "purchasesMae"), real(m, "purchasesBias"), real(m, "purchasesRmse"), real(m, "correlation"),
                real(m, "actualRevenue"), real(m, "predictedRevenue"), real(m, "spendMae"), real(m, "spendBias"),
                List.copyOf(rows));
    }

    private static AttributeValue vector(double[] values) {
        return AttributeValue.fromL(Arrays.stream(values).mapToObj(ModelItems::n).toList());
    }

    private static double[] vector(AttributeValue value) {
        return value.l().stream().mapToDouble(v -> Double.parseDouble(v.n())).toArray();
    }

    private static AttributeValue matrix(double[][] rows) {
        return AttributeValue.fromL(Arrays.stream(rows).map(FitPassItems::vector).toList());
    }

    private static double[][] matrix(AttributeValue value) {
        return value.l().stream().map(FitPassItems::vector).toArray(double[][]::new);
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static long whole(Map<String, AttributeValue> m, String name) {
        return new java.math.BigDecimal(m.get(name).n()).longValueExact();
    }

    private static double real(Map<String, AttributeValue> m, String name) {
        return Double.parseDouble(m.get(name).n());
    }
}
