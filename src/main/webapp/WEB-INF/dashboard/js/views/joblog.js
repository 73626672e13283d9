// The job log viewer of an instance: every part file of every execution (docs/contract.md §8) to choose from, the
// chosen part as text, downloads of the part, the execution and the whole instance as text or zip, and the log of
// the running execution as it is written (follow=true, docs/api.md "Following a job log").

import { call, download, getJson, isActive } from '../api.js';
import { h, message, replace } from '../dom.js';

/**
 * The parts of an instance's log, from its joblogs links: [{executionId, part}], most recent execution first. The
 * links are absolute URLs of the server that ran each execution; the viewer keeps only the execution id and the
 * part and asks this server, which forwards to the other if needed (docs/contract.md §10).
 */
async function logParts(instanceId) {
    const links = await getJson(`jobinstances/${instanceId}/joblogs`);
    return links.filter(link => link.rel === 'joblog part text').map(link => {
        const url = new URL(link.href);
        return { executionId: /\/jobexecutions\/(\d+)\/joblogs$/.exec(url.pathname)?.[1],
            part: url.searchParams.get('part') };
    }).filter(part => part.executionId && part.part);
}

export function jobLogViewer(instance) {
    const chooser = h('select', { id: 'log-part', 'aria-label': 'Log part' });
    const text = h('pre', { class: 'log', id: 'log-text', tabindex: 0 });
    const status = h('div', { class: 'log-status' });
    const downloads = h('div', { class: 'downloads', id: 'log-downloads' });
    const element = h('section', { class: 'card', id: 'job-log' },
        h('div', { class: 'section-head' }, h('h2', {}, 'Job log'),
            h('button', { type: 'button', class: 'link', id: 'log-follow', onclick: () => follow() },
                'Follow latest run'),
            h('button', { type: 'button', class: 'link', id: 'log-reload', onclick: () => load() }, 'Reload')),
        h('div', { class: 'log-bar' }, h('label', { class: 'inline' }, 'Part ', chooser), downloads),
        status, text);

    const selected = () => {
        const option = chooser.selectedOptions[0];
        return option ? { executionId: option.dataset.execution, part: option.value } : null;
    };

    const showPart = async () => {
        const part = selected();
        renderDownloads(downloads, instance, part);
        if (!part) {
            replace(text);
            return;
        }
        try {
            const response = await call(`jobexecutions/${part.executionId}/joblogs?part=${encodeURIComponent(part.part)}`
                + '&type=text', { accept: 'text/plain' });
            text.textContent = await response.text();
            replace(status);
        } catch (error) {
            replace(status, message('error', error.message));
        }
    };

    const load = async () => {
        await loadParts();
        await showPart();
    };

    /** The part list, keeping the chosen part chosen. */
    const loadParts = async () => {
        const previous = selected();
        try {
            const parts = await logParts(instance.instanceId);
            const byExecution = byExecutionId(parts);
            replace(chooser, [...byExecution].map(([executionId, list]) => h('optgroup',
                { label: `Execution ${executionId}` },
                list.map(p => h('option', { value: p.part, 'data-execution': executionId,
                    selected: previous && previous.executionId === executionId && previous.part === p.part },
                `${p.part}  (execution ${executionId})`)))));
            if (parts.length === 0 && !following) {
                replace(status, message('info', 'No job log yet.'));
            }
            renderDownloads(downloads, instance, selected());
        } catch (error) {
            replace(status, message('error', error.message));
        }
    };
    let following = false;
    /**
     * Shows the latest execution's log as the server streams it, until that execution ends or the view is left.
     * A connection that breaks meanwhile is opened again at the bytes received (offset), so no line is lost or
     * shown twice; then the part list is loaded again.
     */
    const follow = async () => {
        if (following) {
            return;
        }
        following = true;
        const path = `jobinstances/${instance.instanceId}/joblogs?type=text&follow=true`;
        const decoder = new TextDecoder();
        let received = 0;
        text.textContent = '';
        replace(status, message('info', 'Following the latest run of this instance…'));
        try {
            for (let attempt = 0; attempt < 5 && element.isConnected; attempt++) {
                try {
                    const response = await call(received ? `${path}&offset=${received}` : path,
                        { accept: 'text/plain' });
                    const reader = response.body.getReader();
                    // Leaving the view cancels the answer, which releases the server's follower.
                    const watcher = setInterval(() => element.isConnected || reader.cancel(), 1000);
                    try {
                        for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
                            received += chunk.value.byteLength;
                            const atBottom = text.scrollTop + text.clientHeight >= text.scrollHeight - 4;
                            text.append(decoder.decode(chunk.value, { stream: true }));
                            if (atBottom) {
                                text.scrollTop = text.scrollHeight;
                            }
                        }
                    } finally {
                        clearInterval(watcher);
                    }
                    if (!element.isConnected) {
                        return;
                    }
                    text.append(decoder.decode());
                    replace(status, message('info', 'The run has ended.'));
                    break;
                } catch (error) {
                    if (error.status) {
                        throw error; // an answer such as 403 or 404, not a broken connection
                    }
                }
            }
        } catch (error) {
            replace(status, message('error', error.message));
        } finally {
            following = false;
        }
        if (element.isConnected) {
            await loadParts();
        }
    };

    chooser.addEventListener('change', showPart);
    if (isActive(instance)) {
        loadParts().then(follow);
    } else {
        load();
    }
    return element;
}

function byExecutionId(parts) {
    const map = new Map();
    parts.forEach(p => map.set(p.executionId, [...(map.get(p.executionId) ?? []), p]));
    return map;
}

function renderDownloads(container, instance, part) {
    const button = (id, label, path, name) => h('button', { type: 'button', id, onclick: async () => {
        try {
            await download(path, name);
        } catch (error) {
            container.append(message('error', error.message));
        }
    } }, label);
    const i = instance.instanceId;
    replace(container,
        part && [
            h('span', { class: 'hint' }, 'Part:'),
            button('download-part-text', 'text', `jobexecutions/${part.executionId}/joblogs?part=`
                + `${encodeURIComponent(part.part)}&type=text`,
                `joblogs.execution.${part.executionId}.${part.part.replaceAll('/', '.')}`),
            button('download-part-zip', 'zip', `jobexecutions/${part.executionId}/joblogs?part=`
                + `${encodeURIComponent(part.part)}&type=zip`,
                `joblogs.execution.${part.executionId}.${part.part.replaceAll('/', '.')}.zip`),
            h('span', { class: 'hint' }, `Execution ${part.executionId}:`),
            button('download-execution-text', 'text', `jobexecutions/${part.executionId}/joblogs?type=text`,
                `joblogs.execution.${part.executionId}.txt`),
            button('download-execution-zip', 'zip', `jobexecutions/${part.executionId}/joblogs?type=zip`,
                `joblogs.execution.${part.executionId}.zip`)],
        h('span', { class: 'hint' }, 'Instance:'),
        button('download-instance-text', 'text', `jobinstances/${i}/joblogs?type=text`,
            `joblogs.${instance.jobName}.instance.${i}.txt`),
        button('download-instance-zip', 'zip', `jobinstances/${i}/joblogs?type=zip`,
            `joblogs.${instance.jobName}.instance.${i}.zip`));
}
