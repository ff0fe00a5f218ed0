package dev.ltv.query;

import dev.ltv.model.ModelCandidate;
import dev.ltv.predict.HoldoutScorecard;
import dev.ltv.predict.PurchaseFit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The candidate models and holdout scorecards of {@code GET /model}. Null members are left out. */
final class ModelScores {

    private ModelScores() {
    }

    /**
     * @param status          FITTED (on all data) or REFUSED
     * @param reason          why it was refused (REFUSED only)
     * @param parameters      its parameters fitted on all data, by name
     * @param standardErrors  their standard errors
     * @param scorecardReason why it has no scorecard (refused on the calibration period, or no holdout)
     */
    record Candidate(String kind, String status, String reason, Map<String, Double> parameters,
                     Double logLikelihood, Map<String, Double> standardErrors, Scorecard scorecard,
                     String scorecardReason) {
    }

    /**
     * @param purchasesTotalError (predicted − actual) / actual; absent when no purchase happened in the holdout
     * @param predictedRevenue    absent when no spend model could be fitted on the calibration period
     */
    record Scorecard(int customers, double span, String unit, long actualPurchases, double predictedPurchases,
                     Double purchasesTotalError, double purchasesMae, double purchasesBias, double purchasesRmse,
                     double correlation, double actualRevenue, Double predictedRevenue, Double spendMae,
                     Double spendBias, List<Row> calibrationPlot) {
    }

    /** Customers with this calibration frequency (0 … 6, "7+"), their mean actual and forecast holdout purchases. */
    record Row(String frequency, int customers, double actualMean, double predictedMean) {
    }

    static Candidate candidate(ModelCandidate c) {
        PurchaseFit fit = c.fit();
        Map<String, Double> parameters = null;
        Map<String, Double> errors = null;
        if (fit != null) {
            parameters = new LinkedHashMap<>();
            errors = new LinkedHashMap<>();
            double[] p = fit.parameters();
            double[] se = fit.standardErrors();
            for (int i = 0; i < p.length; i++) {
                parameters.put(c.kind().parameterNames().get(i), p[i]);
                errors.put(c.kind().parameterNames().get(i), se[i]);
            }
        }
        return new Candidate(c.kind().id(), fit != null ? "FITTED" : "REFUSED", c.refusal(), parameters,
                fit == null ? null : fit.logLikelihood(), errors,
                c.scorecard() == null ? null : scorecard(c.scorecard()), c.scorecardRefusal());
    }

    static Scorecard scorecard(HoldoutScorecard s) {
        boolean spend = s.predictedRevenue() >= 0;
        double totalError = s.purchasesTotalError();
        return new Scorecard(s.customers(), s.span(), s.unit().label(), s.actualPurchases(), s.predictedPurchases(),
                Double.isFinite(totalError) && s.actualPurchases() > 0 ? totalError : null, s.purchasesMae(),
                s.purchasesBias(), s.purchasesRmse(), s.correlation(), s.actualRevenue(),
                spend ? s.predictedRevenue() : null, spend ? s.spendMae() : null, spend ? s.spendBias() : null,
                s.byFrequency().stream().map(r -> new Row(r.frequency(), r.customers(), r.actualMean(),
                        r.predictedMean())).toList());
    }
}
