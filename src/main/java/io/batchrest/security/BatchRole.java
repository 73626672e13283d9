package io.batchrest.security;

/** The batch roles of docs/contract.md §9, as named in server.xml and web.xml. */
public enum BatchRole {
    batchAdmin, batchSubmitter, batchMonitor
}
