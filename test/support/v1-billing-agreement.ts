import type { TestMerchant } from '../../src/testing/test-platform.js';
import type { V1Buyer } from '../../src/testing/v1-buyer.js';
import type { V1Client } from './mws-client.js';

/**
 * An Open billing agreement the way seed 000 sets one up: the buyer consents in the widgets, the
 * merchant confirms with a SuccessUrl, and the buyer passes the Confirmation Flow. Answers its id.
 */
export async function openBillingAgreement(
  client: V1Client,
  buyer: V1Buyer,
  token: string,
  merchant: TestMerchant,
): Promise<string> {
  const ba = await buyer.createBillingAgreement(token, merchant.merchantId);
  await client.call('ConfirmBillingAgreement', {
    AmazonBillingAgreementId: ba,
    SuccessUrl: 'https://shop.example/ba',
  });
  await buyer.confirmationFlow(merchant.merchantId, ba, 'pass');
  return ba;
}
