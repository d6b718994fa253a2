import type { Language } from './languages.js';

/**
 * Amazon Pay's recommended buyer messages after an SCA (MFA) challenge that did not pass, verbatim
 * from seed 000 ("Recommended errors messages"), keyed by the AuthenticationStatus the buyer's
 * return carries. localpay serves them as JSON at `/messages/mfa.json` for merchants' own pages.
 */
export const MFA_OUTCOMES = ['Abandoned', 'Failure'] as const;
export type MfaOutcome = (typeof MFA_OUTCOMES)[number];

export const MFA_MESSAGES = {
  Abandoned: {
    en: "Something's wrong with your payment method. To place your order, try another.",
    fr: 'Un problème est survenu avec votre moyen de paiement. Pour passer votre commande, essayez un autre moyen de paiement.',
    de: 'Mit dieser Zahlungsart ist ein Problem aufgetreten. Um Ihre Bestellung abzuschließen, wählen Sie bitte eine andere aus.',
    it: "Si è verificato un problema con il metodo di pagamento. Per effettuare l'ordine, prova con un altro metodo di pagamento.",
    es: 'Se ha producido un error con tu método de pago. Para confirmar tu pedido, prueba con otro método de pago.',
  },
  Failure: {
    en: "There was a problem with your payment. Your order hasn't been placed, and you haven't been charged.",
    fr: "Un problème s’est produit avec votre paiement. Votre commande n'a pas été passée et vous n'avez pas été débité.",
    de: 'Beim Zahlungsvorgang ist ein Problem aufgetreten. Ihre Bestellung wurde nicht aufgegeben und Ihr Konto nicht belastet.',
    it: "Si è verificato un problema con il pagamento. L'ordine non è stato effettuato, pertanto non ti è stato addebitato alcun importo.",
    es: 'Se ha producido un problema con el pago. Tu pedido no se ha confirmado y no se te ha cargado ningún importe.',
  },
} as const satisfies Record<MfaOutcome, Record<Language, string>>;
