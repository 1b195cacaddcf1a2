/** JSON reading and writing shared by every surface: one mapper, paths for error reports. */
package dev.datafn.json;
