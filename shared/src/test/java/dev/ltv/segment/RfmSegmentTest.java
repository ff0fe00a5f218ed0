package dev.ltv.segment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.EnumSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RfmSegmentTest {

    @ParameterizedTest(name = "R{0} F{1} -> {2}")
    @CsvSource({
            "5,5,CHAMPIONS", "5,4,CHAMPIONS", "4,5,LOYAL", "3,4,LOYAL", "3,5,LOYAL",
            "5,1,NEW", "4,1,PROMISING", "5,2,POTENTIAL_LOYALIST", "4,3,POTENTIAL_LOYALIST",
            "3,3,NEED_ATTENTION", "3,1,ABOUT_TO_SLEEP", "3,2,ABOUT_TO_SLEEP",
            "2,5,CANT_LOSE", "1,5,CANT_LOSE", "2,3,AT_RISK", "1,4,AT_RISK",
            "2,1,HIBERNATING", "1,2,HIBERNATING", "2,2,HIBERNATING", "1,1,LOST"})
    void theGridOfTheDocumentation(int recency, int frequency, RfmSegment expected) {
        assertEquals(expected, RfmSegment.of(recency, frequency));
    }

    @Test
    void everyCellHasAGroupAndEveryGroupACell() {
        Set<RfmSegment> seen = EnumSet.noneOf(RfmSegment.class);
        for (int r = 1; r <= 5; r++) {
            for (int f = 1; f <= 5; f++) {
                seen.add(RfmSegment.of(r, f));
            }
        }
        assertEquals(EnumSet.allOf(RfmSegment.class), seen);
    }

    @Test
    void aScoreOutsideOneToFiveIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> RfmSegment.of(0, 3));
        assertThrows(IllegalArgumentException.class, () -> RfmSegment.of(3, 6));
    }
}
