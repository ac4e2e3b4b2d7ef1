package dev.strata.domain.operations;

/** Value object: how urgent an alert is — a warning can wait for working hours, a critical one cannot. */
public enum Severity {
    WARNING, CRITICAL
}
