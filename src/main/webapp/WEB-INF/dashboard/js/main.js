// The dashboard's entry point: the login gate, the header, and a router from the URL fragment to a view.
// Views are functions (container, ...arguments) that render into the container and may return a function that
// stops their timers when the user navigates away.

import { call, ApiError } from './api.js';
import { h, replace, message } from './dom.js';
import { basicCredentials, forget, hasBatchRole, maySubmit, session, store } from './session.js';
import { instancesView } from './views/instances.js';
import { instanceView } from './views/instance.js';
import { submitView } from './views/submit.js';

const app = document.getElementById('app');
let leaveView = null;

const routes = [
    [/^#\/instances\/(\d+)$/, match => container => instanceView(container, Number(match[1]))],
    [/^#\/submit$/, () => container => submitView(container)],
    [/^#\/instances(?:\?(.*))?$/, match => container => instancesView(container,
        new URLSearchParams(match[1] ?? ''))],
];

function route() {
    if (leaveView) {
        leaveView();
        leaveView = null;
    }
    renderHeader();
    if (!session()) {
        loginView(app);
        return;
    }
    if (!hasBatchRole()) {
        replace(app, message('error', `The user ${session().user} has none of the batch roles (batchAdmin, `
            + 'batchSubmitter, batchMonitor): ask an administrator for one, or log in as another user.'));
        return;
    }
    for (const [pattern, view] of routes) {
        const match = pattern.exec(location.hash);
        if (match) {
            leaveView = view(match)(replace(app)) ?? null;
            return;
        }
    }
    location.replace('#/instances');
}

function renderHeader() {
    const current = session();
    const nav = document.getElementById('nav');
    const who = document.getElementById('who');
    if (!current) {
        replace(nav);
        replace(who);
        return;
    }
    const page = location.hash.startsWith('#/submit') ? 'submit' : 'instances';
    replace(nav,
        h('a', { href: '#/instances', class: page === 'instances' ? 'current' : '' }, 'Job instances'),
        maySubmit() && h('a', { href: '#/submit', id: 'nav-submit', class: page === 'submit' ? 'current' : '' },
            'Submit a job'));
    replace(who,
        h('span', { id: 'user' }, current.user),
        h('span', { class: 'roles', id: 'roles' }, current.roles.join(', ') || 'no batch role'),
        h('button', { type: 'button', class: 'link', id: 'logout', onclick: logOut }, 'Log out'));
}

function logOut() {
    forget();
    route();
}

function loginView(container) {
    const feedback = h('div', { id: 'login-feedback' });
    const user = h('input', { id: 'username', name: 'username', autocomplete: 'username', required: true,
        autofocus: true });
    const password = h('input', { id: 'password', name: 'password', type: 'password',
        autocomplete: 'current-password', required: true });
    const form = h('form', { class: 'login card', id: 'login' },
        h('h1', {}, 'Log in'),
        h('p', { class: 'hint' }, 'Batch jobs of this server: the same users and roles as the batch API.'),
        h('label', {}, 'User', user),
        h('label', {}, 'Password', password),
        feedback,
        h('button', { type: 'submit', class: 'primary' }, 'Log in'));
    form.addEventListener('submit', async event => {
        event.preventDefault();
        const credentials = basicCredentials(user.value, password.value);
        try {
            const caller = await (await call('caller', { credentials })).json();
            store(credentials, caller);
            route();
        } catch (error) {
            replace(feedback, message('error', error instanceof ApiError && error.status === 401
                ? 'The user name or the password is not correct.' : `The login failed: ${error.message}`));
        }
    });
    replace(container, form);
    user.focus();
}

// Credentials that stop working (a changed password, a server with another registry) lead back to the login.
window.addEventListener('batchrest:unauthorized', () => {
    forget();
    route();
});
window.addEventListener('hashchange', route);
route();
