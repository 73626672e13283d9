// The logged-in user: their credentials, kept in sessionStorage (this tab only, gone when it closes) and sent as
// an explicit Authorization header with every API call, and their batch roles from GET caller.
//
// Why not the browser's own Basic login or a cookie: credentials the browser attaches by itself would be attached
// to requests that other sites' pages make it send, too (cross-site request forgery). A header set by this page's
// script is not; and the page can offer a real login form and a log-out.

const KEY = 'batchrest.dashboard.session';

/** The stored session: {authorization, user, roles}, or null when nobody is logged in. */
export function session() {
    try {
        return JSON.parse(sessionStorage.getItem(KEY) ?? 'null');
    } catch {
        return null;
    }
}

export function authorization() {
    return session()?.authorization ?? null;
}

/** HTTP Basic credentials of a user name and password (UTF-8, as the server decodes them). */
export function basicCredentials(user, password) {
    const bytes = new TextEncoder().encode(`${user}:${password}`);
    return `Basic ${btoa(String.fromCharCode(...bytes))}`;
}

export function store(authorizationHeader, caller) {
    sessionStorage.setItem(KEY, JSON.stringify({ authorization: authorizationHeader, user: caller.user,
        roles: caller.roles }));
}

export function forget() {
    sessionStorage.removeItem(KEY);
}

function hasRole(role) {
    return session()?.roles?.includes(role) ?? false;
}

// The rules of docs/contract.md §9, used only to offer what the server will allow; the server checks every call itself.

export function maySubmit() {
    return hasRole('batchAdmin') || hasRole('batchSubmitter');
}

/** Stop, restart, purge: an admin on every instance, a submitter on their own. */
export function mayActOn(instance) {
    return hasRole('batchAdmin') || (hasRole('batchSubmitter') && instance.submitter === session()?.user);
}

export function hasBatchRole() {
    return (session()?.roles ?? []).length > 0;
}
