import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import type { RandomSource } from '../domain/shared/ids.js';
import { timeOrderedUuid } from './time-ordered-uuid.js';

const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** The production RandomSource, from node:crypto. */
export const cryptoRandom: RandomSource = {
  digits: (count) => Array.from({ length: count }, () => String(randomInt(10))).join(''),
  upperAlphanumeric: (count) =>
    Array.from({ length: count }, () => UPPER_ALNUM[randomInt(UPPER_ALNUM.length)]).join(''),
  hex: (count) =>
    randomBytes(Math.ceil(count / 2))
      .toString('hex')
      .slice(0, count),
  uuid: () => randomUUID(),
  timeOrderedUuid: () => timeOrderedUuid(),
};
