/**
 * Shared kernel: tenant identity and context, clock, unit of work, resource names (and the names
 * reserved for Strata), credential revocations, random identifiers and the base exceptions every
 * area uses. Nothing area-specific.
 */
package dev.strata.domain.shared;
