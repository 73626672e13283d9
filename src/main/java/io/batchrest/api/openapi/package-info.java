/**
 * Documentation-only types of the OpenAPI document served at {@code /openapi} (docs/contract.md §11): they describe
 * the JSON, XML and multipart shapes of the API for MicroProfile OpenAPI and are never instantiated. The API itself
 * writes its bodies with the views in {@code io.batchrest.api.view}; a change there must be mirrored here.
 */
package io.batchrest.api.openapi;
