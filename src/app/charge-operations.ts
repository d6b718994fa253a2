import { decideCapture } from '../domain/charge/charge-authorization.js';
import {
  cancelCharge as cancel,
  captureCharge as capture,
  scheduleSimulatedDispute,
  type CaptureInput,
} from '../domain/charge/charge-operations.js';
import type { Charge } from '../domain/charge/charge.js';
import { invalidParameter } from '../domain/shared/errors.js';
import type { SimulationCode } from '../domain/simulation/simulation-codes.js';
import { chargeMoved } from './charge-effects.js';
import { loadCharge } from './load-aggregates.js';
import type { Unit } from './unit-of-work.js';

export const getCharge = loadCharge;

/** Capture Charge (spec §8.11): Captured, CaptureInitiated (> 7 days after authorization), or Declined. */
export async function captureCharge(
  unit: Unit,
  id: string,
  input: CaptureInput,
  simulation: SimulationCode<'captureCharge'> | null,
): Promise<Charge> {
  const before = await loadCharge(unit, id);
  const captured = capture(before, input, decideCapture(simulation), unit.now);
  const after = simulation === 'DisputeOpened' ? scheduleSimulatedDispute(captured) : captured;
  await unit.tx.charges.update(after);
  await chargeMoved(unit, before, after);
  return after;
}

/** Cancel Charge (spec §8.12): the merchant's cancellationReason becomes the reason description. */
export async function cancelCharge(
  unit: Unit,
  id: string,
  cancellationReason: string | null,
): Promise<Charge> {
  if (cancellationReason !== null && cancellationReason.length > 255)
    throw invalidParameter('cancellationReason', 'it is longer than 255 characters.');
  const before = await loadCharge(unit, id);
  const after = cancel(before, 'MerchantCanceled', cancellationReason, unit.now);
  await unit.tx.charges.update(after);
  await chargeMoved(unit, before, after);
  return after;
}
