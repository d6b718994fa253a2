import type { FastifyReply } from 'fastify';
import type { SafeHtml } from '../pages/html.js';
import { CONSOLE_HEADERS, renderConsole } from './console-layout.js';

/** Sends one console view in the frame, with the console's security headers. */
export const consolePage = (
  reply: FastifyReply,
  status: number,
  title: string,
  body: SafeHtml,
): FastifyReply =>
  reply
    .code(status)
    .headers(CONSOLE_HEADERS)
    .type('text/html; charset=utf-8')
    .send(renderConsole(title, body));

export type ConsolePage = typeof consolePage;
