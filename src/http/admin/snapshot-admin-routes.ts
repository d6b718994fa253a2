import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  deleteSnapshot,
  listSnapshots,
  restoreSnapshot,
  saveSnapshot,
  SnapshotConflict,
} from '../../app/snapshots/snapshot-operations.js';
import { errorBody } from '../v2/error-status.js';
import { validateBody } from '../v2/request-body.js';
import type { DependenciesOf } from '../request-dependencies.js';

/** Snapshots (issue 14 point 7, docs/snapshots.md): save, list, restore and delete by name. */
const saveSchema = z.strictObject({ name: z.string(), overwrite: z.boolean().optional() });

const nameOf = (request: FastifyRequest): string => (request.params as { name: string }).name;

/** A name taken, or a snapshot of another schema version: 409 with its own reason code. */
async function answer(reply: FastifyReply, status: number, work: () => Promise<unknown>) {
  try {
    return await reply.code(status).send(await work());
  } catch (error) {
    if (!(error instanceof SnapshotConflict)) throw error;
    return reply
      .code(409)
      .type('application/json')
      .send(errorBody(error.reasonCode, error.message));
  }
}

export function snapshotAdminRoutes(app: FastifyInstance, depsOf: DependenciesOf): void {
  app.get('/snapshots', async (request) => ({ snapshots: await listSnapshots(depsOf(request)) }));
  app.post('/snapshots', async (request, reply) => {
    const body = validateBody(saveSchema, request.body);
    return answer(reply, 201, () =>
      saveSnapshot(depsOf(request), body.name, { overwrite: body.overwrite }),
    );
  });
  app.post('/snapshots/:name/restore', async (request, reply) =>
    answer(reply, 200, () => restoreSnapshot(depsOf(request), nameOf(request))),
  );
  app.delete('/snapshots/:name', async (request, reply) =>
    answer(reply, 200, () => deleteSnapshot(depsOf(request), nameOf(request))),
  );
}
