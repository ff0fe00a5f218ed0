package dev.ltv.ingest;

import java.math.BigDecimal;
import java.util.Currency;

/**
 * Amounts as clients see them: with the currency's minor unit. DynamoDB may hand back 19.90 as 19.9; a client
 * must not see the number change form between a 201 and a later 200, nor in messages.
 */
final class Amounts {

    private Amounts() {
    }

    static BigDecimal display(BigDecimal amount, String currency) {
        int digits = minorDigits(currency);
        return amount.scale() >= digits ? amount : amount.setScale(digits);
    }

    static String text(BigDecimal amount, String currency) {
        return display(amount, currency).toPlainString();
    }

    private static int minorDigits(String currency) {
        try {
            return Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (IllegalArgumentException e) {
            return 0;
        }
    }
}
