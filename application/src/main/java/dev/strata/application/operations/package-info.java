/** Operations use cases: the overview an operator reads (figures and alerts), assembled from the operations monitors. */
package dev.strata.application.operations;
