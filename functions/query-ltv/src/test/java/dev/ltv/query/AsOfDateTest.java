package dev.ltv.query;

import dev.ltv.api.ApiException;
import dev.ltv.state.CustomerState;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AsOfDateTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 20);
    private static final CustomerState C1001 = new CustomerState("c-1001", new BigDecimal("180.00"), 3, 3,
            LocalDate.of(2026, 1, 10), LocalDate.of(2026, 6, 30), new BigDecimal("100.00"), 3, Instant.parse("2026-07-01T08:00:00Z"));

    private static Optional<LocalDate> parse(String raw) {
        return AsOfDate.parse(QueryString.parse("asOf=" + raw));
    }

    @Test
    void withoutAsOfTheFiguresAreForTodayInTheBusinessZone() {
        assertEquals(TODAY, AsOfDate.resolve(Optional.empty(), C1001, TODAY));
    }

    @Test
    void withoutAsOfAPurchaseDatedTomorrowMovesTheDateToItsDay() {
        // ingest accepts purchasedAt up to minutes ahead, which can be tomorrow in the business zone
        CustomerState early = new CustomerState("c-1", BigDecimal.TEN, 1, 1, TODAY.plusDays(1), TODAY.plusDays(1),
                BigDecimal.TEN, 1, Instant.parse("2026-11-20T23:58:00Z"));
        assertEquals(TODAY.plusDays(1), AsOfDate.resolve(Optional.empty(), early, TODAY));
    }

    @Test
    void anAsOfFromTheLastPurchaseDayToOneYearAheadIsTaken() {
        assertEquals(LocalDate.of(2026, 6, 30), AsOfDate.resolve(parse("2026-06-30"), C1001, TODAY));
        assertEquals(LocalDate.of(2026, 7, 1), AsOfDate.resolve(parse("2026-07-01"), C1001, TODAY));
        assertEquals(LocalDate.of(2027, 11, 20), AsOfDate.resolve(parse("2027-11-20"), C1001, TODAY));
    }

    @Test
    void anAsOfBeforeTheLastPurchaseDayIsRefused() {
        // 2026-01-09: before the first purchase; 2026-03-01: between first and last; the stored totals hold both
        for (String day : new String[]{"2026-01-09", "2026-03-01", "2026-06-29"}) {
            ApiException e = assertThrows(ApiException.class, () -> AsOfDate.resolve(parse(day), C1001, TODAY), day);
            assertEquals(400, e.status());
            assertEquals("asOf", e.field());
        }
    }

    @Test
    void anAsOfMoreThanAYearAheadIsRefused() {
        ApiException e = assertThrows(ApiException.class, () -> AsOfDate.resolve(parse("2027-11-21"), C1001, TODAY));
        assertEquals("asOf", e.field());
    }

    @Test
    void aCustomerWithoutPurchasesTakesAnyAsOfUpToAYearAhead() {
        CustomerState refundsOnly = new CustomerState("c-3003", new BigDecimal("-30.00"), 0, 0, null, null,
                BigDecimal.ZERO, 3, Instant.parse("2026-08-01T00:00:00Z"));
        assertEquals(LocalDate.of(2020, 1, 1), AsOfDate.resolve(parse("2020-01-01"), refundsOnly, TODAY));
        assertThrows(ApiException.class, () -> AsOfDate.resolve(parse("2028-01-01"), refundsOnly, TODAY));
    }

    @Test
    void anAsOfThatIsNotAnIsoCalendarDateIsRefused() {
        for (String raw : new String[]{"2026-02-30", "2026-7-1", "01/07/2026", "2026-07-01T00:00:00Z", "", "+12026-01-01"}) {
            ApiException e = assertThrows(ApiException.class, () -> parse(raw), raw);
            assertEquals("asOf", e.field(), raw);
        }
    }
}
