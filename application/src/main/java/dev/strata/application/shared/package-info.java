/** Application shared kernel: paging and cursors used by the list use cases of every area, the opaque single-use tokens of end users, and group commit of concurrent writes. */
package dev.strata.application.shared;
