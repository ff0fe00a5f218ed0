package dev.ltv.store;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts stream images from the Lambda events library's attribute values to the SDK's, so one mapper
 * ({@link PurchaseItems}) reads both table items and stream images.
 */
public final class StreamImages {

    private StreamImages() {
    }

    /** Null or empty (DynamoDB Local sends empty maps where AWS sends none) both mean "no image". */
    public static Map<String, AttributeValue> toSdk(Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image) {
        if (image == null || image.isEmpty()) {
            return null;
        }
        Map<String, AttributeValue> converted = new LinkedHashMap<>();
        image.forEach((name, value) -> converted.put(name, toSdk(value)));
        return converted;
    }

    static AttributeValue toSdk(com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue value) {
        if (value.getS() != null) {
            return AttributeValue.fromS(value.getS());
        }
        if (value.getN() != null) {
            return AttributeValue.fromN(value.getN());
        }
        if (value.getBOOL() != null) {
            return AttributeValue.fromBool(value.getBOOL());
        }
        if (Boolean.TRUE.equals(value.getNULL())) {
            return AttributeValue.fromNul(true);
        }
        if (value.getM() != null) {
            Map<String, AttributeValue> map = new LinkedHashMap<>();
            value.getM().forEach((name, nested) -> map.put(name, toSdk(nested)));
            return AttributeValue.fromM(map);
        }
        if (value.getL() != null) {
            List<AttributeValue> list = new ArrayList<>();
            value.getL().forEach(nested -> list.add(toSdk(nested)));
            return AttributeValue.fromL(list);
        }
        if (value.getSS() != null) {
            return AttributeValue.fromSs(value.getSS());
        }
        if (value.getNS() != null) {
            return AttributeValue.fromNs(value.getNS());
        }
        if (value.getB() != null) {
            return AttributeValue.fromB(SdkBytes.fromByteBuffer(value.getB()));
        }
        if (value.getBS() != null) {
            List<SdkBytes> bytes = new ArrayList<>();
            value.getBS().forEach(buffer -> bytes.add(SdkBytes.fromByteBuffer(buffer)));
            return AttributeValue.fromBs(bytes);
        }
        return AttributeValue.fromNul(true);
    }
}
