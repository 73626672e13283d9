// Building the page: elements from data, never from HTML strings, so that job names, parameters and log text
// (anything a job or a submitter wrote) are always text and never markup.

const SVG_NS = 'http://www.w3.org/2000/svg';

/** An element with attributes (on* = event listeners, class, anything else as attribute) and children. */
export function h(tag, attributes = {}, ...children) {
    return build(document.createElement(tag), attributes, children);
}

/** The same for SVG elements. */
export function svg(tag, attributes = {}, ...children) {
    return build(document.createElementNS(SVG_NS, tag), attributes, children);
}

function build(element, attributes, children) {
    for (const [name, value] of Object.entries(attributes ?? {})) {
        if (value === undefined || value === null || value === false) {
            continue;
        }
        if (name.startsWith('on') && typeof value === 'function') {
            element.addEventListener(name.substring(2), value);
        } else if (name in element && !(element instanceof SVGElement) && typeof value !== 'string') {
            element[name] = value;
        } else {
            element.setAttribute(name, value === true ? '' : String(value));
        }
    }
    append(element, children);
    return element;
}

function append(element, children) {
    for (const child of children) {
        if (Array.isArray(child)) {
            append(element, child);
        } else if (child instanceof Node) {
            element.append(child);
        } else if (child !== undefined && child !== null && child !== false) {
            element.append(document.createTextNode(String(child)));
        }
    }
}

/** Replaces the children of an element. */
export function replace(element, ...children) {
    element.replaceChildren();
    append(element, children);
    return element;
}

/** A message box; kind = info | error. */
export function message(kind, text) {
    return h('p', { class: `message ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, text);
}

/** A status word as a coloured badge. */
export function badge(status) {
    return h('span', { class: `badge s-${status || 'NONE'}` }, status || '–');
}

// Dates of the API read "yyyy/MM/dd HH:mm:ss.SSS Z" in the server's zone (docs/contract.md §1).
const API_DATE = /^(\d{4})\/(\d{2})\/(\d{2}) (\d{2}):(\d{2}):(\d{2})\.(\d{3}) ([+-])(\d{2})(\d{2})$/;

/** An API date as a Date, or null for "" or anything unexpected. */
export function parseApiDate(text) {
    const m = API_DATE.exec(text ?? '');
    return m ? new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${m[7]}${m[8]}${m[9]}:${m[10]}`) : null;
}

/** The server-local day of an API date, "yyyy-MM-dd", and its offset from UTC in minutes. */
export function apiDay(text) {
    const m = API_DATE.exec(text ?? '');
    return m ? { day: `${m[1]}-${m[2]}-${m[3]}`, offset: (m[8] === '-' ? -1 : 1) * (Number(m[9]) * 60 + Number(m[10])) }
        : null;
}

/** An API date shown as the server wrote it, shorter: "2026-11-21 12:53:28" (the full value as tooltip). */
export function dateCell(text) {
    const m = API_DATE.exec(text ?? '');
    return m ? h('time', { title: text }, `${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]}:${m[6]}`) : '–';
}

/** "1 h 02 min", "3.2 s" between two API dates; running if there is no end yet. */
export function duration(startText, endText) {
    const start = parseApiDate(startText);
    if (!start) {
        return '–';
    }
    const end = parseApiDate(endText);
    const millis = (end ?? new Date()) - start;
    const text = millis < 60_000 ? `${(millis / 1000).toFixed(1)} s`
        : millis < 3_600_000 ? `${Math.floor(millis / 60_000)} min ${String(Math.floor(millis / 1000) % 60).padStart(2, '0')} s`
            : `${Math.floor(millis / 3_600_000)} h ${String(Math.floor(millis / 60_000) % 60).padStart(2, '0')} min`;
    return end ? text : `${text} (running)`;
}
