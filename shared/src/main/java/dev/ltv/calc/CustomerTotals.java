package dev.ltv.calc;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * What the classic formula needs to know of one customer.
 *
 * @param revenue       net revenue (purchases minus refunds) in the base currency
 * @param purchases     number of purchases (orders); refunds are not purchases
 * @param firstPurchase business day of the first purchase
 * @param lastPurchase  business day of the last purchase
 */
public record CustomerTotals(BigDecimal revenue, long purchases, LocalDate firstPurchase, LocalDate lastPurchase) {

    public CustomerTotals {
        Objects.requireNonNull(revenue, "revenue");
        Objects.requireNonNull(firstPurchase, "firstPurchase");
        Objects.requireNonNull(lastPurchase, "lastPurchase");
        if (purchases <= 0) {
            throw new IllegalArgumentException("a customer has at least one purchase");
        }
        if (lastPurchase.isBefore(firstPurchase)) {
            throw new IllegalArgumentException("lastPurchase is before firstPurchase");
        }
    }
}
