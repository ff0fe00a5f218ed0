package dev.ltv.local;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * A customer's predicted CLV computed by the test from the parameters {@code GET /model} serves, with none of the
 * service's prediction code: the published conditional expectations (BG/NBD: Fader, Hardie &amp; Lee 2005, eq. 10;
 * MBG/NBD: Batislam, Denizel &amp; Filiztekin 2007, the model the fit chooses on CDNOW ending yesterday),
 * Gamma-Gamma's conditional expected spend (Fader, Hardie &amp; Lee 2005, "RFM and CLV"), a plain power series for
 * the Gauss hypergeometric function, and the month-by-month discounted sum the README defines, in weeks. Pareto/NBD
 * has no reference here: a test whose fit chose it fails with that reason rather than compare with the service's
 * own code.
 */
final class IndependentClv {

    private static final double WEEKS_PER_MONTH = 365.25 / 12 / 7;

    private final JsonNode model;
    private final String kind;
    private final int horizonMonths;
    private final double monthlyDiscount;
    private final double margin;

    /**
     * @param model {@code GET /model}'s {@code model} member (unit weeks)
     */
    IndependentClv(JsonNode model, int horizonMonths, double monthlyDiscount, double margin) {
        if (!"weeks".equals(model.path("unit").asText())) {
            throw new IllegalArgumentException("the reference works in weeks: " + model.path("unit"));
        }
        this.model = model;
        this.kind = model.path("kind").asText();
        this.horizonMonths = horizonMonths;
        this.monthlyDiscount = monthlyDiscount;
        this.margin = margin;
    }

    /**
     * The CLV in cents (half-even), of a customer with {@code purchaseDays} distinct purchase days from
     * {@code first} to {@code last}, spending {@code revenue} in all and {@code firstDaySpend} on the first day.
     */
    BigDecimal clv(int purchaseDays, LocalDate first, LocalDate last, BigDecimal revenue, BigDecimal firstDaySpend,
                   LocalDate asOf) {
        int x = purchaseDays - 1;
        double recency = ChronoUnit.DAYS.between(first, last) / 7.0;
        double age = ChronoUnit.DAYS.between(first, asOf) / 7.0;
        double meanRepeatSpend = x == 0 ? 0
                : revenue.subtract(firstDaySpend).divide(BigDecimal.valueOf(x), MathContext.DECIMAL128).doubleValue();
        JsonNode gg = model.path("gammaGamma");
        double p = gg.path("p").asDouble();
        double spend = p * (gg.path("gamma").asDouble() + x * meanRepeatSpend) / (p * x + gg.path("q").asDouble() - 1);
        double value = 0;
        double previous = 0;
        for (int i = 1; i <= horizonMonths; i++) {
            double cumulative = expectedPurchases(i * WEEKS_PER_MONTH, x, recency, age);
            value += spend * (cumulative - previous) / Math.pow(1 + monthlyDiscount, i);
            previous = cumulative;
        }
        return BigDecimal.valueOf(margin * value).setScale(2, RoundingMode.HALF_EVEN);
    }

    private double expectedPurchases(double t, int x, double tx, double big) {
        return switch (kind) {
            case "bgnbd" -> bgNbd(model.path("bgnbd"), t, x, tx, big, false);
            case "mbgnbd" -> bgNbd(model.path("mbgnbd"), t, x, tx, big, true);
            default -> throw new IllegalArgumentException("no reference for model " + kind);
        };
    }

    /** BG/NBD, or MBG/NBD (a customer may also drop out right after the first purchase: one more b and a). */
    static double bgNbd(JsonNode m, double t, int x, double tx, double big, boolean modified) {
        double r = m.path("r").asDouble();
        double alpha = m.path("alpha").asDouble();
        double a = m.path("a").asDouble();
        double b = m.path("b").asDouble();
        double shift = modified ? 1 : 0;
        double head = (a + b + x - 1 + shift) / (a - 1);
        double hyper = hypergeometric(r + x, b + x + shift, a + b + x - 1 + shift, t / (alpha + big + t));
        double inner = 1 - Math.pow((alpha + big) / (alpha + big + t), r + x) * hyper;
        boolean mayHaveDropped = modified || x > 0;
        double odds = mayHaveDropped ? a / (b + x - 1 + shift) * Math.pow((alpha + big) / (alpha + tx), r + x) : 0;
        return head * inner / (1 + odds);
    }

    /** ₂F₁(a, b; c; z) for 0 ≤ z &lt; 1 by its power series, summed until the terms no longer change the sum. */
    static double hypergeometric(double a, double b, double c, double z) {
        double sum = 1;
        double term = 1;
        for (int k = 0; k < 10_000_000; k++) {
            term *= (a + k) * (b + k) / ((c + k) * (k + 1)) * z;
            double next = sum + term;
            if (next == sum) {
                return sum;
            }
            sum = next;
        }
        throw new ArithmeticException("2F1 series did not converge: " + a + ", " + b + ", " + c + ", " + z);
    }
}
