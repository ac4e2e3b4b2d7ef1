/**
 * Canary fixture: planted architecture violations under their own root package, imported only by
 * ArchitectureCanaryTest. Being test classes, they are invisible to the production import.
 */
package dev.strata.archcanary;
