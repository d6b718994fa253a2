/**
 * `localpay mws-keys …` and `localpay v1-challenges …`: a merchant's MWS access keys for the v1
 * API, and headless answers to a v1 Confirmation Flow challenge.
 */
import type { AppDependencies } from '../app/ports.js';
import { settleConfirmationChallenge } from '../app/v1/confirmation-flow.js';
import { createMwsCredential, listMwsCredentials } from '../app/v1/mws-credentials.js';

export const V1_USAGE = `  mws-keys list --merchant ID              a merchant's MWS access keys (v1 API, SellerId = merchant id)
  mws-keys add --merchant ID               issue another MWS access key and secret
  v1-challenges pass|fail|abandon --id ID  answer the Confirmation Flow challenge of an order reference or billing agreement`;

const OUTCOMES = { pass: 'Success', fail: 'Failure', abandon: 'Abandoned' } as const;

/** Runs a v1 command; answers false when `command sub` is not one. */
export async function v1Command(
  deps: AppDependencies,
  command: string,
  flags: { readonly merchant?: string | undefined; readonly id?: string | undefined },
  print: (value: unknown) => void,
  usage: (message: string) => Error,
): Promise<void> {
  const need = (value: string | undefined, name: string): string => {
    if (value === undefined || value === '') throw usage(`--${name} is required.`);
    return value;
  };
  switch (command) {
    case 'mws-keys list':
      return print(await listMwsCredentials(deps, need(flags.merchant, 'merchant')));
    case 'mws-keys add':
      return print(await createMwsCredential(deps, need(flags.merchant, 'merchant')));
    case 'v1-challenges pass':
    case 'v1-challenges fail':
    case 'v1-challenges abandon': {
      const outcome = OUTCOMES[command.split(' ')[1] as keyof typeof OUTCOMES];
      return print({
        returnUrl: await settleConfirmationChallenge(deps, need(flags.id, 'id'), outcome),
      });
    }
    default:
      throw usage(`Unknown command '${command}'.`);
  }
}

export const V1_COMMANDS = [
  'mws-keys list',
  'mws-keys add',
  'v1-challenges pass',
  'v1-challenges fail',
  'v1-challenges abandon',
];
