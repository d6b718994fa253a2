import type { FastifyReply } from 'fastify';
import type { SafeHtml } from '../pages/html.js';
import { CONSOLE_HEADERS, renderConsole, type ConsoleChrome } from './console-layout.js';

/** Sends one console view in the frame, with the console's security headers. */
export type ConsolePage = (
  reply: FastifyReply,
  status: number,
  title: string,
  body: SafeHtml,
) => FastifyReply;

/** The console's page sender for one configuration (a token console has a "Log out" link). */
export const consolePageFor =
  (chrome: ConsoleChrome): ConsolePage =>
  (reply, status, title, body) =>
    reply
      .code(status)
      .headers(CONSOLE_HEADERS)
      .type('text/html; charset=utf-8')
      .send(renderConsole(title, body, chrome));
