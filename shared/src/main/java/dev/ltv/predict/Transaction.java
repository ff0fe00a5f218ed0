package dev.ltv.predict;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/** One purchase of a transaction log: who, on which business day, how much (in the base currency). */
public record Transaction(String customerId, LocalDate day, BigDecimal amount) {
    public Transaction {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(amount, "amount");
        if (customerId.isBlank()) {
            throw new IllegalArgumentException("customer id must not be blank");
        }
    }
}
