// The job event stream (docs/api.md, "Job events") for the views. EventSource cannot send the Authorization header
// the dashboard authenticates with, so the stream is read with fetch; a broken connection is resumed after the last
// event id received, so that no change is missed.

import { call } from './api.js';

const RECONNECT_MILLIS = 3000;

/**
 * Calls onEvent(name, data) for each event the caller may see, until the returned function is called. onEvent is
 * also called with 'gap' when changes may have been missed (a resumption the server could not serve in full).
 * onRefused(error) is called if the server refuses the stream (an answer such as 401 or 403, which a retry would
 * repeat).
 */
export function subscribeEvents(onEvent, onRefused) {
    const abort = new AbortController();
    let lastEventId = null;

    const dispatch = lines => {
        let name = 'message';
        let data = '';
        let id = null;
        for (const line of lines) {
            const colon = line.indexOf(':');
            if (colon === 0) {
                continue; // a comment: the keep-alive
            }
            const field = colon < 0 ? line : line.slice(0, colon);
            const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
            if (field === 'event') {
                name = value;
            } else if (field === 'data') {
                data = data ? `${data}\n${value}` : value;
            } else if (field === 'id') {
                id = value;
            }
        }
        if (id !== null) {
            lastEventId = id;
        }
        if (data) {
            onEvent(name, JSON.parse(data));
        }
    };

    const read = async () => {
        while (!abort.signal.aborted) {
            try {
                const path = lastEventId === null ? 'events' : `events?lastEventId=${lastEventId}`;
                const response = await call(path, { accept: 'text/event-stream', signal: abort.signal });
                const reader = response.body.getReader();
                const decoder = new TextDecoder();
                let buffered = '';
                for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
                    buffered += decoder.decode(chunk.value, { stream: true });
                    const events = buffered.split(/\r?\n\r?\n/);
                    buffered = events.pop();
                    events.forEach(event => dispatch(event.split(/\r?\n/)));
                }
            } catch (error) {
                if (abort.signal.aborted) {
                    return;
                }
                if (error.status) {
                    onRefused(error);
                    return;
                }
            }
            await new Promise(resolve => setTimeout(resolve, RECONNECT_MILLIS));
        }
    };

    read();
    return () => abort.abort();
}
