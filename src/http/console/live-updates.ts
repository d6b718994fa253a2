import type { FastifyInstance } from 'fastify';
import { listRequests } from '../../app/inspection/request-log.js';
import type { AppDependencies } from '../../app/ports.js';
import { CONSOLE_PREFIX } from './console-layout.js';

/**
 * Live updates as progressive enhancement (issue 14 point 1): every view reads without script;
 * with it, /console/live.js listens to server-sent events and swaps in the fresh <main> when the
 * request log moves (every API call lands there), unless the reader is typing in a form.
 */
const LIVE_SCRIPT = `'use strict';
(function () {
  if (!window.EventSource || !window.DOMParser) return;
  var status = document.getElementById('live-status');
  var events = new EventSource('${CONSOLE_PREFIX}/events');
  events.onopen = function () { if (status) status.textContent = 'Live'; };
  events.onerror = function () { if (status) status.textContent = 'Live updates paused'; };
  events.addEventListener('change', function () {
    var active = document.activeElement;
    if (active && active.closest && active.closest('form')) return;
    fetch(location.href, { headers: { accept: 'text/html' } })
      .then(function (response) { return response.text(); })
      .then(function (text) {
        var fresh = new DOMParser().parseFromString(text, 'text/html').getElementById('main');
        var current = document.getElementById('main');
        if (fresh && current) current.replaceWith(fresh);
        if (status) status.textContent = 'Updated ' + new Date().toLocaleTimeString();
      });
  });
})();
`;

const POLL_MS = 1000;

export function liveRoutes(app: FastifyInstance, deps: AppDependencies): void {
  app.get(`${CONSOLE_PREFIX}/live.js`, (_request, reply) =>
    reply
      .type('text/javascript; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send(LIVE_SCRIPT),
  );

  const streams = new Set<() => void>();
  // Open streams would hold the server open: end them before it closes.
  app.addHook('preClose', () => {
    for (const end of streams) end();
    return Promise.resolve();
  });
  app.get(`${CONSOLE_PREFIX}/events`, (request, reply) => {
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    raw.write('retry: 2000\n\n');
    let last: string | null = null;
    let polling = false;
    const timer = setInterval(() => {
      if (polling) return;
      polling = true;
      listRequests(deps, { limit: 1 })
        .then(([newest]) => {
          const marker = newest?.id ?? '';
          if (last !== null && marker !== last) raw.write(`event: change\ndata: ${marker}\n\n`);
          last = marker;
        })
        .catch(() => undefined)
        .finally(() => {
          polling = false;
        });
    }, POLL_MS);
    const end = () => {
      clearInterval(timer);
      streams.delete(end);
      raw.end();
    };
    streams.add(end);
    request.raw.on('close', end);
  });
}
