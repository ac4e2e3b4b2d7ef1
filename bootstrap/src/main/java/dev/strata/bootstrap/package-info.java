/**
 * Assembly: the main class, the admin command line, and the {@code @Factory} classes (one per
 * area) where the plain-Java use cases meet the container. Nothing depends on this package.
 */
package dev.strata.bootstrap;
