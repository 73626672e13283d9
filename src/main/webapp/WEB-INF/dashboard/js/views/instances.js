// The job instances: every search filter of the v4 API (docs/contract.md §6) as inputs, a sortable and paged table with
// the total from X-Total-Count, reloaded when the job event stream reports a change of an instance (docs/api.md, "Job
// events", which reports the jobs of every server of a cluster; polled every 3 s while a listed instance runs if the
// stream is refused), and the chart of runs per day. The URL fragment holds the search as the API's own query, so a search can be bookmarked, shared,
// and reached again with the browser's back button.

import { call, INSTANCE_STATES, isActive, withQuery } from '../api.js';
import { runsPerDayChart } from '../chart.js';
import { badge, dateCell, h, message, replace } from '../dom.js';
import { subscribeEvents } from '../events.js';
import { parameterEditor } from '../params.js';

const REFRESH_MILLIS = 3000;
/** An event is sent as the batch runtime reports the change, a moment before the repository row says so. */
const RELOAD_AFTER_EVENT_MILLIS = 500;
const DEFAULT_PAGE_SIZE = 20;
const PAGE_SIZES = [10, 20, 50, 100];
const JOB_PARAMETER = 'jobParameter.';

/** Text filters: the query parameter, its label, a hint, and whether several values (comma-separated) OR. */
const TEXT_FILTERS = [
    ['jobName', 'Job name', 'sleepy*, chunkCopy', true],
    ['jobInstanceId', 'Instance id', '10:20, >100, 3,5,8', false],
    ['submitter', 'Submitter', 'admin, submitter*', true],
    ['appName', 'Application', 'batch-rest', true],
    ['exitStatus', 'Exit status', 'COMPLETED, *FAIL*', true],
    ['createTime', 'Created', '2026-11-21, d1:d2, >7d, <1d', false],
    ['lastUpdatedTime', 'Last updated', '2026-11-21, d1:d2, >7d, <1d', false],
];

/** The columns; those with a sort field can be sorted by a click on their heading (docs/contract.md §6 sort fields). */
const COLUMNS = [
    { label: 'Instance', sort: 'createTime', cell: i => h('a', { href: `#/instances/${i.instanceId}` }, i.instanceId) },
    { label: 'Job name', cell: i => i.jobName },
    { label: 'JSL', sort: 'jobXMLName', cell: i => i.jobXMLName || h('em', {}, 'inline') },
    { label: 'Application', sort: 'amcName', cell: i => i.appName },
    { label: 'Submitter', sort: 'submitter', cell: i => i.submitter },
    { label: 'Batch status', sort: 'batchStatus', cell: i => badge(i.batchStatus) },
    { label: 'Instance state', cell: i => badge(i.instanceState) },
    { label: 'Last updated', sort: 'lastUpdatedTime', cell: i => dateCell(i.lastUpdatedTime) },
];

export function instancesView(container, params) {
    let timer = null;
    let left = false;
    let polling = false;
    const results = h('section', { class: 'card results', id: 'results' }, message('info', 'Loading…'));
    const chart = h('div', { class: 'chart-holder' });

    const load = async () => {
        clearTimeout(timer);
        const query = new URLSearchParams(params);
        if (!query.has('pageSize')) {
            query.set('pageSize', DEFAULT_PAGE_SIZE);
        }
        try {
            const response = await call(withQuery('v4/jobinstances', query));
            const instances = await response.json();
            if (left) {
                return;
            }
            const total = totalOf(response, instances);
            const live = instances.some(isActive);
            renderResults(results, params, instances, total, live && (polling ? 'polling' : 'events'),
                response.headers.get('X-IBM-Unrecognized-Fields'), load);
            if (live && polling) {
                timer = setTimeout(load, REFRESH_MILLIS);
            }
            runsPerDayChart(chart);
        } catch (error) {
            if (!left) {
                replace(results, message('error', error.message));
            }
        }
    };

    replace(container, h('div', { class: 'instances-page' },
        filterForm(params),
        h('div', { class: 'main-column' },
            h('section', { class: 'card' }, h('h2', {}, 'Runs per day by final state'), chart),
            results)));
    // A step's events leave the instance's row as it is; every other event may change the list.
    const unsubscribe = subscribeEvents(name => {
        if (!name.startsWith('step')) {
            clearTimeout(timer);
            timer = setTimeout(load, RELOAD_AFTER_EVENT_MILLIS);
        }
    }, () => {
        polling = true;
        load();
    });
    load();
    return () => {
        left = true;
        unsubscribe();
        clearTimeout(timer);
    };
}

/** Navigates to a search; the router renders it. */
function search(params) {
    location.hash = `#/instances?${params}`;
}

function filterForm(params) {
    const inputs = TEXT_FILTERS.map(([name, label, hint, repeatable]) => {
        const input = h('input', { name, id: `filter-${name}`, placeholder: hint,
            value: repeatable ? params.getAll(name).join(', ') : (params.get(name) ?? '') });
        return { name, repeatable, input, element: h('label', {}, label, input) };
    });
    const chosenStates = (params.get('instanceState') ?? '').toUpperCase().split(',');
    const states = INSTANCE_STATES.map(state => h('label', { class: 'check' },
        h('input', { type: 'checkbox', name: 'instanceState', value: state, checked: chosenStates.includes(state) }),
        state));
    const jobParameters = parameterEditor([...params.keys()].filter(key => key.startsWith(JOB_PARAMETER))
        .map(key => ({ name: key.substring(JOB_PARAMETER.length), value: params.get(key) })),
    { nameLabel: 'parameter', idPrefix: 'filter-job-parameters' });
    const ignoreCase = h('input', { type: 'checkbox', id: 'filter-ignoreCase', checked: params.get('ignoreCase') === 'true' });
    const sort = h('input', { id: 'filter-sort', placeholder: '-createTime, submitter', value: params.get('sort') ?? '' });

    const form = h('form', { class: 'card filters', id: 'filters' },
        h('h2', {}, 'Search'),
        inputs.map(i => i.element),
        h('fieldset', {}, h('legend', {}, 'Instance state'), h('div', { class: 'states' }, states)),
        h('fieldset', {}, h('legend', {}, 'Job parameters (* wildcards)'), jobParameters.element),
        h('label', { class: 'check' }, ignoreCase, 'Ignore case'),
        h('label', {}, 'Sort', sort),
        h('div', { class: 'buttons' },
            h('button', { type: 'submit', class: 'primary', id: 'search' }, 'Search'),
            h('button', { type: 'button', id: 'clear', onclick: () => search(new URLSearchParams()) }, 'Clear')));
    form.addEventListener('submit', event => {
        event.preventDefault();
        const next = new URLSearchParams();
        for (const { name, repeatable, input } of inputs) {
            const values = repeatable ? input.value.split(',') : [input.value];
            values.map(v => v.trim()).filter(v => v).forEach(v => next.append(name, v));
        }
        const checked = states.map(label => label.querySelector('input')).filter(box => box.checked);
        if (checked.length > 0) {
            next.set('instanceState', checked.map(box => box.value).join(','));
        }
        for (const [name, value] of Object.entries(jobParameters.values())) {
            next.set(JOB_PARAMETER + name, value);
        }
        if (ignoreCase.checked) {
            next.set('ignoreCase', 'true');
        }
        if (sort.value.trim()) {
            next.set('sort', sort.value.replace(/\s+/g, ''));
        }
        if (params.has('pageSize')) {
            next.set('pageSize', params.get('pageSize'));
        }
        search(next);
    });
    return form;
}

// The server counts the matches where that is cheap (up to 1,000); otherwise it says how many it knows of
// (X-Total-Count-Lower-Bound) and whether a next page exists (Link rel="next"), and the page says "more than".
function totalOf(response, instances) {
    const exact = response.headers.get('X-Total-Count');
    const lowerBound = response.headers.get('X-Total-Count-Lower-Bound');
    return {
        count: Number(exact ?? lowerBound ?? instances.length),
        exact: exact !== null || lowerBound === null,
        hasNext: /rel="next"/.test(response.headers.get('Link') ?? ''),
    };
}

/** live: false when no listed instance is active, else 'events' or 'polling', how the table is kept current. */
function renderResults(results, params, instances, total, live, unrecognized, reload) {
    const pageSize = Number(params.get('pageSize') ?? DEFAULT_PAGE_SIZE);
    const page = Number(params.get('page') ?? 0);
    const first = instances.length === 0 ? 0 : page * pageSize + 1;
    const last = page * pageSize + instances.length;
    const pages = Math.max(1, Math.ceil(total.count / pageSize));
    const of = total.exact ? `${total.count}` : `more than ${(total.count - 1).toLocaleString('en')}`;
    const goTo = changes => {
        const next = new URLSearchParams(params);
        Object.entries(changes).forEach(([name, value]) => next.set(name, value));
        search(next);
    };

    replace(results,
        h('div', { class: 'results-head' },
            h('h2', {}, 'Job instances'),
            h('span', { id: 'total', 'data-total': total.count, 'data-exact': total.exact }, `${first}–${last} of ${of}`),
            live && h('span', { class: 'live', id: 'live' }, live === 'polling'
                ? `● live: refreshing every ${REFRESH_MILLIS / 1000} s` : '● live: updated as jobs change'),
            h('button', { type: 'button', class: 'link', id: 'refresh', onclick: reload }, 'Refresh')),
        unrecognized && message('info', `Ignored by the server: ${unrecognized}`),
        instances.length === 0 ? message('info', 'No job instance matches.') : table(params, instances),
        h('div', { class: 'pager' },
            h('button', { type: 'button', id: 'prev', disabled: page === 0, onclick: () => goTo({ page: page - 1 }) },
                '‹ Previous'),
            h('span', {}, total.exact ? `Page ${page + 1} of ${pages}` : `Page ${page + 1}`),
            h('button', { type: 'button', id: 'next', disabled: !total.hasNext,
                onclick: () => goTo({ page: page + 1 }) }, 'Next ›'),
            h('label', { class: 'inline' }, 'Per page ',
                h('select', { id: 'page-size', onchange: event => goTo({ pageSize: event.target.value, page: 0 }) },
                    PAGE_SIZES.map(size => h('option', { value: size, selected: size === pageSize }, size))))));
}

function table(params, instances) {
    const sortKeys = (params.get('sort') ?? '').split(',').filter(k => k);
    const primary = sortKeys[0] ?? '-createTime';
    const headings = COLUMNS.map(column => {
        if (!column.sort) {
            return h('th', {}, column.label);
        }
        const direction = primary === column.sort ? 'ascending' : primary === `-${column.sort}` ? 'descending' : 'none';
        return h('th', { 'aria-sort': direction, 'data-sort': column.sort },
            h('button', { type: 'button', class: 'sort', onclick: () => sortBy(params, column.sort, direction) },
                column.label, direction === 'ascending' ? ' ▲' : direction === 'descending' ? ' ▼' : ''));
    });
    return h('table', { class: 'grid-table', id: 'instances' },
        h('thead', {}, h('tr', {}, headings)),
        h('tbody', {}, instances.map(instance => h('tr', { 'data-instance-id': instance.instanceId },
            COLUMNS.map(column => h('td', {}, column.cell(instance)))))));
}

/** A click on a heading: ascending, then descending, then back to the default order (newest first). */
function sortBy(params, field, direction) {
    const next = new URLSearchParams(params);
    next.delete('page');
    if (direction === 'none') {
        next.set('sort', field);
    } else if (direction === 'ascending') {
        next.set('sort', `-${field}`);
    } else if (params.has('sort')) {
        next.delete('sort');
    } else {
        next.set('sort', field); // the default order is descending by createTime: the next click ascends
    }
    search(next);
}
