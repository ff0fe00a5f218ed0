package dev.ltv.state;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AcquisitionChannelTest {

    private static final LocalDate D1 = LocalDate.of(2025, 3, 1);
    private static final LocalDate D2 = LocalDate.of(2025, 3, 9);
    private static final Instant NOW = Instant.parse("2025-04-01T00:00:00Z");

    @Test
    void theFirstDaysAlphabeticallyFirstNamedChannel() {
        assertEquals("email", AcquisitionChannel.fromFirstDay(Map.of("web", 3L, "email", 1L, "unknown", 5L)));
        assertEquals("unknown", AcquisitionChannel.fromFirstDay(Map.of("unknown", 2L)));
        assertEquals("unknown", AcquisitionChannel.fromFirstDay(Map.of()), "a day item written before channels were kept");
    }

    private static DayDelta purchase(LocalDate day, String channel) {
        return new DayDelta(day, new BigDecimal("10"), 1, Map.of(channel, 1L));
    }

    @Test
    void followsAnEarlierPurchaseAndTheDeletionOfTheFirstDay() {
        DayIndex none = new DayIndex() {
            @Override
            public Optional<DayTotal> firstPurchaseDayAfter(LocalDate day, Set<LocalDate> skip) {
                return Optional.empty();
            }

            @Override
            public Optional<DayTotal> lastPurchaseDayBefore(LocalDate day, Set<LocalDate> skip) {
                return Optional.empty();
            }
        };
        // first purchase on D2 via web
        StateTransition first = StateTransition.compute("c", null, Map.of(), List.of(purchase(D2, "web")), none, NOW);
        assertEquals("web", first.after().acquisitionChannel());
        // an out-of-order purchase on the earlier D1 via partner becomes the first
        StateTransition earlier = StateTransition.compute("c", first.after(), Map.of(), List.of(purchase(D1, "partner")), none, NOW);
        assertEquals("partner", earlier.after().acquisitionChannel());
        // a purchase on D2 (untouched first day D1) keeps it
        DayTotal d2 = first.daysAfter().get(D2);
        StateTransition later = StateTransition.compute("c", earlier.after(), Map.of(D2, d2), List.of(purchase(D2, "email")), none, NOW);
        assertEquals("partner", later.after().acquisitionChannel());
        // D1's purchase deleted: D2 is first again, with web and email on it: email wins (alphabetical)
        DayTotal d1 = earlier.daysAfter().get(D1);
        DayTotal d2Now = later.daysAfter().get(D2);
        DayIndex afterD1 = new DayIndex() {
            @Override
            public Optional<DayTotal> firstPurchaseDayAfter(LocalDate day, Set<LocalDate> skip) {
                return Optional.of(d2Now);
            }

            @Override
            public Optional<DayTotal> lastPurchaseDayBefore(LocalDate day, Set<LocalDate> skip) {
                return Optional.empty();
            }
        };
        StateTransition deleted = StateTransition.compute("c", later.after(), Map.of(D1, d1),
                List.of(purchase(D1, "partner").negate()), afterD1, NOW);
        assertEquals(D2, deleted.after().firstDay());
        assertEquals("email", deleted.after().acquisitionChannel());
        assertEquals(Map.of("email", 1L, "web", 1L), d2Now.channels());
    }
}
