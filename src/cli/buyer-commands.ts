import { createBuyer } from '../testing/buyer.js';
import { createV1Buyer } from '../testing/v1-buyer.js';

/**
 * `localpay buyer …`: the buyer's part of a checkout (what a person does in the browser) from a
 * shell, so a test written in PHP, Python, Java or .NET can drive a whole flow against a running
 * localpay (docs/sdks/). The same headless buyers as `createTestPlatform()`'s, over HTTP.
 */
export const BUYER_USAGE = `  buyer checkout --id SESSION [--card 1111]
                                          sign in on the hosted page, pick a card, consent; prints
                                          where the browser lands (review or result URL)
  buyer visit --url AMAZON_PAY_REDIRECT_URL
                                          open amazonPayRedirectUrl, pass any SCA challenge; prints the result URL
  buyer v1-sign-in --client-id STORE_ID   Login with Amazon as the first test buyer; prints the access token
  buyer v1-billing-agreement --merchant SELLER_ID --token TOKEN [--card 1111]
                                          the AddressBook, Wallet and Consent widgets; prints the id
  buyer v1-order-reference --merchant SELLER_ID --token TOKEN [--card 1111]
                                          the AddressBook and Wallet widgets; prints the id
  buyer v1-confirm --merchant SELLER_ID --id ID
                                          confirmationFlow.success(), passing the challenge; prints the URL
  (buyer commands reach localpay at --http-url, default http://127.0.0.1:8080)`;

export const BUYER_OPTIONS = {
  'http-url': { type: 'string' },
  'client-id': { type: 'string' },
  token: { type: 'string' },
} as const;

export const BUYER_COMMANDS = [
  'buyer checkout',
  'buyer visit',
  'buyer v1-sign-in',
  'buyer v1-billing-agreement',
  'buyer v1-order-reference',
  'buyer v1-confirm',
];

type Flags = Readonly<Record<string, string | boolean | (string | boolean)[] | undefined>>;

/** Runs one buyer command; answers what to print. */
export async function buyerCommand(
  command: string,
  flags: Flags,
  defaultHttpUrl: string,
  usage: (message: string) => Error,
): Promise<string> {
  const text = (name: string): string => {
    const value = flags[name];
    if (typeof value !== 'string' || value === '') throw usage(`--${name} is required.`);
    return value;
  };
  const cards = flags.card;
  const cardEnding = Array.isArray(cards) && typeof cards[0] === 'string' ? cards[0] : '1111';
  const httpUrl = typeof flags['http-url'] === 'string' ? flags['http-url'] : defaultHttpUrl;
  const buyer = createBuyer(httpUrl);
  const v1 = createV1Buyer(httpUrl);
  switch (command) {
    case 'buyer checkout':
      return buyer.checkout(text('id'), { cardEnding, consent: true });
    case 'buyer visit':
      return buyer.visit(text('url'));
    case 'buyer v1-sign-in':
      return v1.signIn(text('client-id'));
    case 'buyer v1-billing-agreement':
      return v1.createBillingAgreement(text('token'), text('merchant'), { cardEnding });
    case 'buyer v1-order-reference':
      return v1.createOrderReference(text('token'), text('merchant'), { cardEnding });
    case 'buyer v1-confirm': {
      const result = await v1.confirmationFlow(text('merchant'), text('id'), 'pass');
      if (result.kind !== 'redirect')
        throw new Error(`The Confirmation Flow showed a page (${result.status}): ${result.title}`);
      return result.url;
    }
    default:
      throw usage(`Unknown command '${command}'.`);
  }
}
