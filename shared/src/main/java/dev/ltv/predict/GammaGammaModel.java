package dev.ltv.predict;

import java.util.Objects;

/** Predictions of a fitted Gamma-Gamma spend model; money in the unit of the fitted spend. */
public final class GammaGammaModel {

    private final GammaGammaParameters parameters;

    /** @throws IllegalArgumentException when q ≤ 1 (the expected spend is undefined) */
    public GammaGammaModel(GammaGammaParameters parameters) {
        this.parameters = Objects.requireNonNull(parameters, "parameters");
        if (parameters.q() <= 1) {
            throw new IllegalArgumentException("Gamma-Gamma with q <= 1 has no expected spend, q=" + parameters.q());
        }
    }

    public GammaGammaParameters parameters() {
        return parameters;
    }

    public static double logLikelihood(GammaGammaParameters parameters, GammaGammaData data) {
        return new GammaGammaLikelihood(data, 1).logLikelihood(parameters.p(), parameters.q(), parameters.gamma());
    }

    /** Population mean spend per purchase, pγ/(q−1): the expectation for a customer with no repeat purchase. */
    public double populationMeanSpend() {
        return parameters.p() * parameters.gamma() / (parameters.q() - 1);
    }

    /**
     * E[M | x, m̄]: expected spend per future purchase of a customer with x repeat purchases of mean m̄, a
     * weighted average of the population mean and the customer's own mean, the latter weighing more as x grows.
     */
    public double conditionalExpectedAverageSpend(int x, double meanSpend) {
        if (x < 0 || !(meanSpend >= 0 && Double.isFinite(meanSpend))) {
            throw new IllegalArgumentException("need x >= 0 and mean spend >= 0, was x=" + x + " m=" + meanSpend);
        }
        if (x == 0) {
            return populationMeanSpend();
        }
        double p = parameters.p();
        double q = parameters.q();
        return p * (parameters.gamma() + x * meanSpend) / (p * x + q - 1);
    }
}
