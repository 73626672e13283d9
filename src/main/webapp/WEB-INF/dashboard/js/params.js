// An editor of name=value rows: job parameters of a submission or a restart, and the jobParameter.<name> filters
// of the search.

import { h } from './dom.js';

/**
 * rows: [{name, value, placeholder}]; returns {element, values()} where values() gives the rows with a name as an
 * object (empty values are kept only if keepEmpty).
 */
export function parameterEditor(rows, { keepEmpty = false, nameLabel = 'parameter', idPrefix = 'param' } = {}) {
    const list = h('div', { class: 'params' });
    const addRow = (name = '', value = '', placeholder = '') => {
        const row = h('div', { class: 'param-row' },
            h('input', { class: 'param-name', value: name, placeholder: nameLabel, 'aria-label': `${nameLabel} name` }),
            h('span', { class: 'eq' }, '='),
            h('input', { class: 'param-value', value, placeholder: placeholder || 'value',
                'aria-label': `${nameLabel} value` }),
            h('button', { type: 'button', class: 'link', title: 'Remove', onclick: () => row.remove() }, '✕'));
        list.append(row);
    };
    rows.forEach(row => addRow(row.name, row.value, row.placeholder));
    if (rows.length === 0) {
        addRow();
    }
    const element = h('div', { class: 'param-editor', id: idPrefix },
        list,
        h('button', { type: 'button', class: 'link', onclick: () => addRow() }, `+ add ${nameLabel}`));
    const values = () => {
        const result = {};
        for (const row of list.querySelectorAll('.param-row')) {
            const name = row.querySelector('.param-name').value.trim();
            const value = row.querySelector('.param-value').value;
            if (name && (keepEmpty || value !== '')) {
                result[name] = value;
            }
        }
        return result;
    };
    return { element, values };
}
