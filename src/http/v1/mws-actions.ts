import type { AppDependencies, XmlContent } from '../../app/ports.js';
import type { Unit } from '../../app/unit-of-work.js';
import type { MwsParams } from './mws-params.js';

/** What an action handler answers: its Result content, or undefined for no Result element. */
export type ActionResult = XmlContent | undefined;

export interface MwsActionContext {
  readonly unit: Unit;
  readonly params: MwsParams;
  readonly deps: AppDependencies;
}

export interface MwsAction {
  /** Reads only: no reference record or state change is written. */
  readonly readOnly: boolean;
  handle(context: MwsActionContext): Promise<ActionResult>;
}

export const read = (handle: MwsAction['handle']): MwsAction => ({ readOnly: true, handle });
export const write = (handle: MwsAction['handle']): MwsAction => ({ readOnly: false, handle });
