/**
 * The batch artifacts of the sample jobs shipped in {@code jsl/} (docs/contract.md §12). The integration tests drive
 * these jobs, so their parameters and behaviour are part of the product's contract.
 */
package io.batchrest.samples;
