// Runs per day by final state: how many instances ended COMPLETED, FAILED, STOPPED or ABANDONED on each of the
// last days, as stacked bars. An operator sees at a glance whether failures are piling up today.

import { call, withQuery } from './api.js';
import { apiDay, h, message, replace, svg } from './dom.js';

const DAYS = 14;
const FINAL_STATES = ['COMPLETED', 'FAILED', 'STOPPED', 'ABANDONED'];
const FRESH_MILLIS = 30_000;

let cached = null;

/**
 * Fills the container with the chart, from cache if it is younger than 30 s (the table refreshes far more often).
 * The counts come from one aggregate request (docs/api.md, "Aggregates"): instances in a final state, last updated in
 * the last DAYS days of the server's calendar, per day of their last update and state; a final instance is last
 * updated when it ends, so that day is the day of the run's end.
 */
export async function runsPerDayChart(container) {
    try {
        if (!cached || Date.now() - cached.at > FRESH_MILLIS) {
            cached = { at: Date.now(), data: await countRuns() };
        }
        replace(container, render(cached.data));
    } catch (error) {
        replace(container, message('error', `The chart could not be loaded: ${error.message}`));
    }
}

async function countRuns() {
    const response = await call(withQuery('v4/jobinstances/stats', {
        groupBy: 'day,instanceState', lastUpdatedTime: `>${DAYS - 1}d`, instanceState: FINAL_STATES.join(','),
    }));
    const counts = new Map();
    for (const { day, instanceState, count } of await response.json()) {
        const perState = counts.get(day) ?? Object.fromEntries(FINAL_STATES.map(s => [s, 0]));
        perState[instanceState] = (perState[instanceState] ?? 0) + count;
        counts.set(day, perState);
    }
    // The server's calendar decides the days (docs/contract.md §6): X-Server-Time is its clock, written in its zone.
    const now = apiDay(response.headers.get('X-Server-Time'));
    const today = now ? Date.parse(`${now.day}T00:00:00Z`) : Date.now() - new Date().getTimezoneOffset() * 60_000;
    const days = [];
    for (let i = DAYS - 1; i >= 0; i--) {
        const day = new Date(today - i * 86_400_000).toISOString().substring(0, 10);
        days.push({ day, ...(counts.get(day) ?? Object.fromEntries(FINAL_STATES.map(s => [s, 0]))) });
    }
    return days;
}

function render(days) {
    const width = 1000;
    const height = 180;
    const left = 34;
    const bottom = 22;
    const top = 8;
    const plotHeight = height - top - bottom;
    const max = Math.max(1, ...days.map(d => FINAL_STATES.reduce((sum, s) => sum + d[s], 0)));
    const step = niceStep(max);
    const scaleMax = Math.ceil(max / step) * step;
    const y = value => top + plotHeight - (value / scaleMax) * plotHeight;
    const slot = (width - left) / days.length;

    const grid = [];
    for (let value = 0; value <= scaleMax; value += step) {
        grid.push(svg('line', { x1: left, x2: width, y1: y(value), y2: y(value), class: 'grid' }),
            svg('text', { x: left - 6, y: y(value) + 3, class: 'axis', 'text-anchor': 'end' }, String(value)));
    }
    const bars = days.map((d, i) => {
        const x = left + i * slot + slot * 0.18;
        let base = 0;
        const segments = FINAL_STATES.filter(s => d[s] > 0).map(s => {
            const segment = svg('rect', { x, width: slot * 0.64, y: y(base + d[s]), height: y(base) - y(base + d[s]),
                class: `bar s-${s}` }, svg('title', {}, `${d.day}: ${d[s]} ${s}`));
            base += d[s];
            return segment;
        });
        return svg('g', { 'data-day': d.day, 'data-total': base }, segments,
            svg('text', { x: x + slot * 0.32, y: height - 6, class: 'axis', 'text-anchor': 'middle' },
                d.day.substring(5)));
    });
    const totals = FINAL_STATES.map(s => [s, days.reduce((sum, d) => sum + d[s], 0)]);
    return h('figure', { class: 'chart', id: 'runs-chart' },
        svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img',
            'aria-label': `Runs per day by final state, last ${days.length} days` }, grid, bars),
        h('figcaption', {},
            totals.map(([s, n]) => h('span', { class: 'legend' }, h('i', { class: `swatch s-${s}` }), `${s} ${n}`))));
}

/** 1, 2, 5, 10, 20, 50 … so that the axis has at most about four lines. */
function niceStep(max) {
    const raw = max / 4;
    const magnitude = 10 ** Math.floor(Math.log10(Math.max(raw, 1)));
    return [1, 2, 5, 10].map(f => f * magnitude).find(s => s >= raw) ?? 10 * magnitude;
}
