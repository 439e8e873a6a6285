/**
 * asyncio's toolbox on weft's cancel scopes and nurseries: the event loop object, futures and
 * tasks, gather, wait, as_completed, wait_for, shield and timeouts.
 */
package dev.weft.asyncio;
