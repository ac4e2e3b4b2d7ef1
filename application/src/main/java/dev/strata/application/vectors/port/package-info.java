/** Driving port of the vectors area: the use case the HTTP adapter calls. */
package dev.strata.application.vectors.port;
