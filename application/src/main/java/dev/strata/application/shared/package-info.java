/** Application shared kernel: paging and cursors used by the list use cases of every area. */
package dev.strata.application.shared;
