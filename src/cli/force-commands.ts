/**
 * `localpay force …`: list what an object can be forced to, or force it (issue 14 point 6; the
 * admin API's operation, app/force/force-state.ts, recorded in the timeline as the CLI's).
 */
import { forceOptions, forceState } from '../app/force/force-state.js';
import type { AppDependencies } from '../app/ports.js';

export const FORCE_USAGE = `  force list --merchant ID --kind KIND --id ID
                                          the states the object can be forced to now
  force state --merchant ID --kind KIND --id ID --to TARGET
                                          force it (e.g. --kind charges --to Declined/ProcessingFailure)`;

export const FORCE_OPTIONS = { kind: { type: 'string' }, to: { type: 'string' } } as const;

export const FORCE_COMMANDS = ['force list', 'force state'];

export async function forceCommand(
  deps: AppDependencies,
  command: string,
  flags: Readonly<Record<string, unknown>>,
  print: (value: unknown) => void,
  usage: (message: string) => Error,
): Promise<void> {
  const need = (name: string): string => {
    const value = flags[name];
    if (typeof value !== 'string' || value === '') throw usage(`--${name} is required.`);
    return value;
  };
  const ref = { merchantId: need('merchant'), kind: need('kind'), id: need('id') };
  if (command === 'force list') return print(await forceOptions(deps, ref));
  return print(await forceState(deps, { ...ref, target: need('to'), via: 'CLI' }));
}
