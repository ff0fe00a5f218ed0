package dev.ltv.purchase;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/** The calendar day a moment counts for: its date in the business time zone, whatever offset the client used. */
public final class BusinessDay {

    private BusinessDay() {
    }

    public static LocalDate of(OffsetDateTime moment, ZoneId businessZone) {
        return moment.atZoneSameInstant(businessZone).toLocalDate();
    }
}
