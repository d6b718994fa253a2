/**
 * The English page texts: the reference catalogue. Its keys are the MessageKey type, and every
 * other language must translate each of them (`satisfies Catalogue` in its own file). Texts are
 * plain text, never HTML; `{name}` marks a value the page fills in (escaped like any other value).
 */
export const EN = {
  'nav.language': 'Language',
  'nav.sandbox': 'localpay: Amazon Pay sandbox. No real money moves.',

  'checkout.title': 'Pay with Amazon Pay',
  'checkout.updateTitle': 'Update your Saved Wallet',
  'checkout.merchant': 'Merchant: {merchant}',
  'checkout.amount': 'Amount: {amount}',
  'checkout.noteToBuyer': 'Note from the merchant: {note}',
  'checkout.signedInAs': 'Signed in as {name} (test buyer, no password needed).',
  'checkout.buyerLegend': 'Test buyer',
  'checkout.useBuyer': 'Switch to this test buyer',
  'checkout.shippingLegend': 'Shipping address',
  'checkout.billingLegend': 'Billing address',
  'checkout.paymentLegend': 'Payment method',
  'instrument.Success': 'test card: payments succeed',
  'instrument.CheckoutBuyerCanceled': 'test card: the buyer cancels at checkout',
  'instrument.CheckoutDeclined': 'test card: declined at checkout',
  'instrument.PendingThenAuthorized': 'test card: pending, then authorized',
  'instrument.PendingThenHardDeclined': 'test card: pending, then declined for good',
  'checkout.currentMethod': 'Your Saved Wallet now uses {method}.',
  'checkout.consentSavedWallet':
    'Save this payment method with {merchant} for future payments (Saved Wallet).',
  'checkout.consentRecurring':
    'Allow {merchant} to charge this payment method for recurring payments.',
  'checkout.consentUpdate': 'Use this payment method for future payments to {merchant}.',
  'checkout.continue': 'Continue',
  'checkout.cancel': 'Cancel and return to the merchant',
  'checkout.errorConsent': 'To continue, agree to save this payment method.',
  'checkout.errorChoice': 'Choose an address and a payment method from the lists.',
  'checkout.endedTitle': 'This checkout has ended',
  'checkout.endedBody': 'There is nothing left to do here. Return to the merchant to start again.',

  'challenge.title': 'Verify your payment',
  'challenge.intro': 'Your card issuer needs to confirm that it is you paying {merchant}.',
  'challenge.amount': 'Amount: {amount}',
  'challenge.card': 'Card: {card}',
  'challenge.testCode': 'Test issuer: your one-time code is {code}.',
  'challenge.codeLabel': 'One-time code',
  'challenge.codeHint': 'Enter the 6-digit code shown above. Any other code fails the check.',
  'challenge.verify': 'Verify',
  'challenge.cancel': 'Cancel payment',

  'wallet.title': 'Your Saved Wallet with {merchant}',
  'wallet.status': 'Status: {status}',
  'wallet.stateChargeable': 'Active',
  'wallet.stateNonChargeable': 'Needs a new payment method',
  'wallet.stateClosed': 'Removed',
  'wallet.method': 'Payment method: {method}',
  'wallet.noMethod': 'none',
  'wallet.updateLegend': 'Use another payment method',
  'wallet.update': 'Update payment method',
  'wallet.removeLegend': 'Remove this Saved Wallet',
  'wallet.removeConfirm': 'I understand that {merchant} can no longer charge this payment method.',
  'wallet.remove': 'Remove Saved Wallet',
  'wallet.updated': 'Your payment method was updated.',
  'wallet.removed': 'Your Saved Wallet was removed.',
  'wallet.errorConfirm': 'To remove the Saved Wallet, tick the box to confirm.',
  'wallet.closed': 'This Saved Wallet is closed. {merchant} can no longer charge it.',

  'problem.title': "Hmmm...that didn't work",
  // Seed 000's second troubleshooting page (the v1 Confirmation Flow's seller and id disagree).
  'problem.connectingTitle': 'Problem connecting',
  'problem.notFound': 'We could not find this checkout or Saved Wallet. Check the link.',
  'problem.csrf':
    'This form has expired or did not come from localpay. Go back, reload the page and try again.',
  'problem.generic': 'This request could not be completed.',
  'problem.details': 'Details: {details}',
} as const;

export type MessageKey = keyof typeof EN;

/** A complete translation: every key, nothing else. */
export type Catalogue = Readonly<Record<MessageKey, string>>;
