package dev.ltv.local.http;

/** A request target whose percent-escapes do not decode: the client's mistake, answered 400 as API Gateway does. */
final class MalformedTargetException extends IllegalArgumentException {

    MalformedTargetException(String message) {
        super(message);
    }
}
