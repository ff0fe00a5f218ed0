package dev.ltv.local.testhandlers;

/** Stands for the recalculation's poison-record sink: an interface the local stack must supply. */
public interface TestPoisonSink {

    void send(String customerId, String reason);
}
