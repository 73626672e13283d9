// Submitting a packaged job: the jobs come from GET jobdefinitions, with the parameters each JSL refers to and
// their defaults as hints; an empty value is not sent, so the JSL's default applies.

import { call, getJson } from '../api.js';
import { h, message, replace } from '../dom.js';
import { parameterEditor } from '../params.js';
import { maySubmit } from '../session.js';

export function submitView(container) {
    if (!maySubmit()) {
        replace(container, message('error', 'Submitting jobs needs the role batchAdmin or batchSubmitter.'));
        return;
    }
    const body = h('section', { class: 'card narrow', id: 'submit' }, h('h1', {}, 'Submit a job'),
        message('info', 'Loading the packaged jobs…'));
    replace(container, body);
    getJson('jobdefinitions').then(definitions => renderForm(body, definitions),
        error => replace(body, message('error', error.message)));
}

function renderForm(section, definitions) {
    if (definitions.length === 0) {
        replace(section, h('h1', {}, 'Submit a job'), message('info', 'The application has no packaged jobs.'));
        return;
    }
    const chooser = h('select', { id: 'submit-job', name: 'jobXMLName' }, definitions.map(d =>
        h('option', { value: d.jobXMLName }, d.jobName && d.jobName !== d.jobXMLName
            ? `${d.jobXMLName} (job ${d.jobName})` : d.jobXMLName)));
    const parameterHolder = h('div');
    const feedback = h('div', { id: 'submit-feedback' });
    let editor = null;
    const showParameters = () => {
        const definition = definitions.find(d => d.jobXMLName === chooser.value);
        editor = parameterEditor(Object.entries(definition.jobParameters).map(([name, defaultValue]) => ({
            name, value: '', placeholder: defaultValue ? `default ${defaultValue}` : 'no default' })),
        { idPrefix: 'submit-parameters' });
        replace(parameterHolder, editor.element);
    };
    chooser.addEventListener('change', showParameters);
    showParameters();

    const form = h('form', { id: 'submit-form' },
        h('label', {}, 'Job', chooser),
        h('fieldset', {}, h('legend', {}, 'Job parameters (empty = the JSL\'s default)'), parameterHolder),
        feedback,
        h('div', { class: 'buttons' }, h('button', { type: 'submit', class: 'primary', id: 'submit-button' },
            'Submit')));
    form.addEventListener('submit', async event => {
        event.preventDefault();
        const definition = definitions.find(d => d.jobXMLName === chooser.value);
        try {
            const instance = await (await call('jobinstances', { method: 'POST', json: {
                applicationName: definition.applicationName, moduleName: definition.moduleName,
                jobXMLName: definition.jobXMLName, jobParameters: editor.values() } })).json();
            location.hash = `#/instances/${instance.instanceId}`;
        } catch (error) {
            replace(feedback, message('error', error.message));
        }
    });
    replace(section, h('h1', {}, 'Submit a job'), form);
}
