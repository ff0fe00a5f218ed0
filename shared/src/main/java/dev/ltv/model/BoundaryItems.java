package dev.ltv.model;

import dev.ltv.segment.Cuts;
import dev.ltv.segment.SegmentBoundaries;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Segment boundaries as one map attribute of a model item (cut lists as number lists; shortest double text). */
final class BoundaryItems {

    private BoundaryItems() {
    }

    static AttributeValue toAttribute(SegmentBoundaries boundaries) {
        Map<String, AttributeValue> map = new HashMap<>();
        map.put("recencyDays", cuts(boundaries.recencyDays()));
        map.put("purchases", cuts(boundaries.purchases()));
        map.put("revenue", cuts(boundaries.revenue()));
        map.put("ltv", cuts(boundaries.ltv()));
        if (boundaries.predictedClv() != null) {
            map.put("predictedClv", cuts(boundaries.predictedClv()));
        }
        map.put("customers", ModelItems.n(boundaries.customers()));
        map.put("asOf", AttributeValue.fromS(boundaries.asOf().toString()));
        return AttributeValue.fromM(map);
    }

    static SegmentBoundaries fromAttribute(AttributeValue value) {
        Map<String, AttributeValue> map = value.m();
        return new SegmentBoundaries(cuts(map.get("recencyDays")), cuts(map.get("purchases")), cuts(map.get("revenue")),
                cuts(map.get("ltv")), map.containsKey("predictedClv") ? cuts(map.get("predictedClv")) : null,
                Long.parseLong(map.get("customers").n()), LocalDate.parse(map.get("asOf").s()));
    }

    private static AttributeValue cuts(Cuts cuts) {
        return AttributeValue.fromL(Arrays.stream(cuts.values()).mapToObj(ModelItems::n).toList());
    }

    private static Cuts cuts(AttributeValue value) {
        List<AttributeValue> list = value.l();
        return new Cuts(list.stream().mapToDouble(n -> Double.parseDouble(n.n())).toArray());
    }
}
