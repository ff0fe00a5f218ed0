package dev.ltv.model;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The company-level forecast of one model version, summed over every customer of its fit: the expected number
 * still active (Σ P(alive)), and the expected purchases and revenue within the CLV horizon (Σ E[Y(horizon)] and
 * Σ E[Y(horizon)] × expected spend per purchase; revenue, not discounted, before margin).
 *
 * @param asOf          the day it is as of (the model's calibration end)
 * @param horizonMonths the horizon (CLV_HORIZON_MONTHS at the fit)
 * @param customers     the customers summed over
 */
public record CompanyForecast(LocalDate asOf, int horizonMonths, long customers, double expectedActiveCustomers,
                              double expectedPurchases, double expectedRevenue) {

    public CompanyForecast {
        Objects.requireNonNull(asOf, "asOf");
        for (double v : new double[] {expectedActiveCustomers, expectedPurchases, expectedRevenue}) {
            if (!(v >= 0 && Double.isFinite(v))) {
                throw new IllegalArgumentException("forecast figures are finite and not negative, was " + v);
            }
        }
    }
}
