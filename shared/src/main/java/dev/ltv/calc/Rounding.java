package dev.ltv.calc;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Currency;

/**
 * The one rounding policy of the classic calculation.
 *
 * <p>Sums of money are exact (BigDecimal addition never rounds). Divisions (average purchase value,
 * frequency) keep 34 significant digits (IEEE decimal128), far below a cent for any realistic figure, so
 * the order of operations cannot move a result. Only figures shown as money are rounded, once and at the
 * end, to the currency's minor unit with HALF_EVEN (banker's rounding), which does not bias sums of
 * rounded figures upwards.
 */
public final class Rounding {

    public static final MathContext INTERMEDIATE = MathContext.DECIMAL128;

    /** Ratios shown to clients (frequency, LTV:CAC, years) keep this many decimals. */
    public static final int RATIO_SCALE = 6;

    private Rounding() {
    }

    public static BigDecimal money(BigDecimal value, Currency currency) {
        int digits = Math.max(currency.getDefaultFractionDigits(), 0);
        return value.setScale(digits, RoundingMode.HALF_EVEN);
    }

    public static BigDecimal ratio(BigDecimal value) {
        return value.setScale(RATIO_SCALE, RoundingMode.HALF_EVEN);
    }

    public static BigDecimal divide(BigDecimal dividend, BigDecimal divisor) {
        return dividend.divide(divisor, INTERMEDIATE);
    }
}
