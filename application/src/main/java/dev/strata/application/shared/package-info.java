/** Application shared kernel: paging and cursors used by the list use cases of every area, and the opaque single-use tokens of end users. */
package dev.strata.application.shared;
