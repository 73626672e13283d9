// One job instance: its facts, the actions the user may take on it (stop, restart with parameters, purge after a
// confirmation), its executions with their steps, partitions and metrics, and its job log. Refreshed every two
// seconds while the instance is active.

import { ACTIVE_STATES, ApiError, call, getJson, isActive } from '../api.js';
import { badge, dateCell, duration, h, message, replace } from '../dom.js';
import { parameterEditor } from '../params.js';
import { mayActOn } from '../session.js';
import { jobLogViewer } from './joblog.js';

const REFRESH_MILLIS = 2000;
const METRICS = [['READ_COUNT', 'Read'], ['WRITE_COUNT', 'Written'], ['FILTER_COUNT', 'Filtered'],
    ['COMMIT_COUNT', 'Commits'], ['ROLLBACK_COUNT', 'Rollbacks']];
const SKIPS = ['READ_SKIP_COUNT', 'PROCESS_SKIP_COUNT', 'WRITE_SKIP_COUNT'];

export function instanceView(container, instanceId) {
    let timer = null;
    let left = false;
    let logViewer = null;
    const feedback = h('div', { id: 'action-feedback' });
    const summary = h('section', { class: 'card', id: 'instance-summary' }, message('info', 'Loading…'));
    const executions = h('section', { class: 'card', id: 'executions' });

    const load = async () => {
        clearTimeout(timer);
        try {
            const [instance, executionList] = await Promise.all([getJson(`jobinstances/${instanceId}`),
                getJson(`jobinstances/${instanceId}/jobexecutions`)]);
            // Each step array ends with an object of links only (docs/contract.md §2); the steps are those with a name.
            const steps = await Promise.all(executionList.map(execution =>
                getJson(`jobexecutions/${execution.executionId}/stepexecutions`)
                    .then(list => list.filter(step => step.stepName !== undefined))));
            if (left) {
                return;
            }
            renderSummary(summary, instance, executionList[0], actions(instance, executionList[0]));
            renderExecutions(executions, executionList, steps);
            if (!logViewer) {
                logViewer = jobLogViewer(instance);
                container.append(logViewer);
            }
            if (isActive(instance)) {
                timer = setTimeout(load, REFRESH_MILLIS);
            }
        } catch (error) {
            if (!left) {
                replace(summary, message('error', error instanceof ApiError && error.status === 404
                    ? `There is no job instance ${instanceId}.` : error.message));
            }
        }
    };

    /** Runs an action, shows its outcome, and reloads the instance. */
    const act = async (description, request) => {
        try {
            await request();
            replace(feedback, message('info', description));
        } catch (error) {
            replace(feedback, message('error', error.message));
        }
        load();
    };

    const actions = (instance, latest) => {
        if (!mayActOn(instance)) {
            return [];
        }
        const buttons = [];
        if (ACTIVE_STATES.includes(instance.instanceState)) {
            buttons.push(h('button', { type: 'button', id: 'action-stop', onclick: () => act(
                `Stop requested for instance ${instanceId}.`,
                () => call(`jobinstances/${instanceId}?action=stop`, { method: 'PUT' })) }, 'Stop'));
        }
        if (['STOPPED', 'FAILED'].includes(instance.instanceState)) {
            buttons.push(h('button', { type: 'button', id: 'action-restart',
                onclick: () => restartDialog(container, instance, latest, act) }, 'Restart…'));
        }
        if (!ACTIVE_STATES.includes(instance.instanceState)) {
            buttons.push(h('button', { type: 'button', class: 'danger', id: 'action-purge',
                onclick: () => purgeDialog(container, instance, () => {
                    left = true;
                    clearTimeout(timer);
                }) }, 'Purge…'));
        }
        return buttons;
    };

    replace(container, h('div', { class: 'instance-page' },
        h('p', { class: 'crumbs' }, h('a', { href: '#/instances' }, '‹ Job instances')),
        feedback, summary, executions));
    load();
    return () => {
        left = true;
        clearTimeout(timer);
    };
}

function renderSummary(summary, instance, latest, actionButtons) {
    const fact = (label, value, id) => [h('dt', {}, label), h('dd', id ? { id } : {}, value)];
    replace(summary,
        h('div', { class: 'section-head' },
            h('h1', { id: 'instance-title' }, `Instance ${instance.instanceId} · ${instance.jobName}`),
            h('div', { class: 'actions', id: 'actions' }, actionButtons)),
        h('dl', { class: 'facts' },
            fact('Batch status', badge(instance.batchStatus), 'instance-batch-status'),
            fact('Instance state', badge(instance.instanceState), 'instance-state'),
            fact('Exit status', latest?.exitStatus || '–'),
            fact('Submitter', instance.submitter),
            fact('Application', instance.appName),
            fact('JSL', instance.jobXMLName || 'inline'),
            fact('Last updated', dateCell(instance.lastUpdatedTime)),
            fact('Executions', instance._links.filter(link => link.rel === 'job execution').length)));
}

function renderExecutions(section, executions, stepsPerExecution) {
    replace(section, h('h2', {}, 'Executions'),
        executions.length === 0 ? message('info', 'No execution yet.')
            : executions.map((execution, index) => executionBlock(execution, executions.length - 1 - index,
                stepsPerExecution[index])));
}

function executionBlock(execution, sequence, steps) {
    const parameters = Object.entries(execution.jobParameters ?? {});
    return h('article', { class: 'execution', 'data-execution-id': execution.executionId },
        h('h3', {}, `Execution ${execution.executionId}`,
            h('span', { class: 'hint' }, sequence === 0 ? ' · first run' : ` · restart ${sequence}`), ' ',
            badge(execution.batchStatus), ' ', h('span', { class: 'exit' }, execution.exitStatus)),
        h('dl', { class: 'facts compact' },
            h('dt', {}, 'Created'), h('dd', {}, dateCell(execution.createTime)),
            h('dt', {}, 'Started'), h('dd', {}, dateCell(execution.startTime)),
            h('dt', {}, 'Ended'), h('dd', {}, dateCell(execution.endTime)),
            h('dt', {}, 'Duration'), h('dd', {}, duration(execution.startTime, execution.endTime)),
            h('dt', {}, 'Server'), h('dd', {}, execution.serverId || '–'),
            h('dt', {}, 'Parameters'), h('dd', { class: 'chips' }, parameters.length === 0 ? '–'
                : parameters.map(([name, value]) => h('code', {}, `${name}=${value}`)))),
        steps.length === 0 ? message('info', 'No step has run yet.') : stepTable(steps));
}

function stepTable(steps) {
    const metricCells = metrics => [
        ...METRICS.map(([key]) => h('td', { class: 'num' }, metrics?.[key] ?? '0')),
        h('td', { class: 'num' }, SKIPS.reduce((sum, key) => sum + Number(metrics?.[key] ?? 0), 0))];
    const rows = steps.flatMap(step => [
        h('tr', { class: 'step', 'data-step': step.stepName },
            h('td', {}, step.stepName), h('td', {}, badge(step.batchStatus)), h('td', {}, step.exitStatus),
            h('td', {}, dateCell(step.startTime)), h('td', {}, duration(step.startTime, step.endTime)),
            metricCells(step.metrics)),
        ...step.partitions.map(partition => h('tr', { class: 'partition',
            'data-partition': `${step.stepName}/${partition.partitionNumber}` },
        h('td', {}, `↳ partition ${partition.partitionNumber}`), h('td', {}, badge(partition.batchStatus)),
        h('td', {}, partition.exitStatus), h('td', {}, dateCell(partition.startTime)),
        h('td', {}, duration(partition.startTime, partition.endTime)), metricCells(partition.metrics)))]);
    return h('table', { class: 'grid-table steps' },
        h('thead', {}, h('tr', {}, ['Step', 'Batch status', 'Exit status', 'Started', 'Duration',
            ...METRICS.map(([, label]) => label), 'Skipped'].map(label => h('th', {}, label)))),
        h('tbody', {}, rows));
}

/** A modal dialog; resolves when it closes. */
function dialog(container, id, title, body, confirmLabel, confirmClass, onConfirm) {
    const error = h('div');
    const confirm = h('button', { type: 'button', class: confirmClass, id: `${id}-confirm` }, confirmLabel);
    const element = h('dialog', { id, class: 'card' },
        h('h2', {}, title), body, error,
        h('div', { class: 'buttons' },
            h('button', { type: 'button', id: `${id}-cancel`, onclick: () => element.close() }, 'Cancel'),
            confirm));
    confirm.addEventListener('click', async () => {
        confirm.disabled = true;
        try {
            await onConfirm();
            element.close();
        } catch (failure) {
            replace(error, message('error', failure.message));
            confirm.disabled = false;
        }
    });
    element.addEventListener('close', () => element.remove());
    container.append(element);
    element.showModal();
}

function restartDialog(container, instance, latest, act) {
    const editor = parameterEditor(Object.entries(latest?.jobParameters ?? {})
        .map(([name, value]) => ({ name, value })), { keepEmpty: true, idPrefix: 'restart-parameters' });
    const reuse = h('input', { type: 'checkbox', id: 'restart-reuse' });
    dialog(container, 'restart-dialog', `Restart instance ${instance.instanceId}`,
        [h('p', {}, 'The new execution runs with these job parameters (those of the latest execution, to edit):'),
            editor.element,
            h('label', { class: 'check' }, reuse,
                'Also keep previous parameters that are not listed (reusePreviousParams)')],
        'Restart', 'primary', () => act(`Instance ${instance.instanceId} restarted.`,
            () => call(`jobinstances/${instance.instanceId}?action=restart`
                + (reuse.checked ? '&reusePreviousParams=true' : ''),
            { method: 'PUT', json: { jobParameters: editor.values() } })));
}

function purgeDialog(container, instance, leave) {
    const keepLogs = h('input', { type: 'checkbox', id: 'purge-keep-logs' });
    dialog(container, 'purge-dialog', `Purge instance ${instance.instanceId}?`,
        [h('p', {}, `This deletes instance ${instance.instanceId} (${instance.jobName}), all its executions and `
            + 'steps, and its job log files. It cannot be undone.'),
        h('label', { class: 'check' }, keepLogs, 'Keep the job log files (purgeJobStoreOnly)')],
        'Purge', 'danger', async () => {
            await call(`jobinstances/${instance.instanceId}` + (keepLogs.checked ? '?purgeJobStoreOnly=true' : ''),
                { method: 'DELETE' });
            leave();
            replace(container, h('div', { class: 'instance-page' },
                message('info', `Instance ${instance.instanceId} was purged.`),
                h('p', {}, h('a', { href: '#/instances', id: 'back-to-instances' }, '‹ Job instances'))));
        });
}
