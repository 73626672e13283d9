// Calls of the batch API, from the dashboard at <context root>/dashboard/ to the API at <context root>/.

import { authorization } from './session.js';

export const API_ROOT = new URL('../../', import.meta.url);

/** A refused call, with the problem+json detail the API gives (docs/api.md, "Status codes"). */
export class ApiError extends Error {
    constructor(status, detail) {
        super(detail);
        this.status = status;
    }
}

/**
 * Sends one request. credentials: 'omit' keeps the browser out of authentication altogether: it sends no cookie
 * and, on a 401, shows no login dialog of its own; the Authorization header is the only credential.
 */
export async function call(path, { method = 'GET', json, accept = 'application/json', credentials, signal } = {}) {
    const headers = { Accept: accept };
    const auth = credentials ?? authorization();
    if (auth) {
        headers.Authorization = auth;
    }
    const init = { method, headers, credentials: 'omit', cache: 'no-store', signal };
    if (json !== undefined) {
        headers['Content-Type'] = 'application/json';
        init.body = JSON.stringify(json);
    }
    const response = await fetch(new URL(path, API_ROOT), init);
    if (!response.ok) {
        const error = new ApiError(response.status, await problemDetail(response));
        if (response.status === 401 && !credentials) {
            window.dispatchEvent(new CustomEvent('batchrest:unauthorized'));
        }
        throw error;
    }
    return response;
}

export async function getJson(path) {
    return (await call(path)).json();
}

async function problemDetail(response) {
    try {
        const problem = await response.json();
        return problem.detail || problem.title || `HTTP ${response.status}`;
    } catch {
        return `HTTP ${response.status}`;
    }
}

/** A path below the API root, with query parameters; repeated names from arrays. */
export function withQuery(path, params) {
    const query = params instanceof URLSearchParams ? params.toString() : new URLSearchParams(params).toString();
    return query ? `${path}?${query}` : path;
}

/**
 * Downloads a response as a file. A plain link would not carry the Authorization header, so the page fetches the
 * body and hands it to the browser as a blob; the name comes from Content-Disposition when the API sends one.
 */
export async function download(path, fallbackName) {
    const response = await call(path, { accept: '*/*' });
    const blob = await response.blob();
    const disposition = response.headers.get('Content-Disposition') ?? '';
    const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? fallbackName;
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
}

/** The instance states in which an instance is still active (docs/contract.md §5): not purgeable, stoppable. */
export const ACTIVE_STATES = ['SUBMITTED', 'JMS_QUEUED', 'JMS_CONSUMED', 'DISPATCHED'];
export const INSTANCE_STATES = [...ACTIVE_STATES, 'COMPLETED', 'FAILED', 'STOPPED', 'ABANDONED'];

export function isActive(instance) {
    return ACTIVE_STATES.includes(instance.instanceState)
        || ['STARTING', 'STARTED', 'STOPPING'].includes(instance.batchStatus);
}
