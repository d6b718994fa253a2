import type { Language } from '../pages/i18n/languages.js';
import type { TroubleshootingPage } from '../../app/v1/confirmation-flow.js';

/**
 * The two troubleshooting pages of the hosted Confirmation Flow (seed 000, "Troubleshooting"),
 * with their headlines as Amazon Pay shows them, in the five page languages.
 */
export const TROUBLESHOOTING_TEXT = {
  DidNotWork: {
    en: {
      title: "Hmmm...that didn't work",
      body: 'We could not continue with this payment. Return to the shop and try again.',
    },
    fr: {
      title: "Hmmm...cela n'a pas fonctionné",
      body: 'Nous ne pouvons pas poursuivre ce paiement. Retournez sur la boutique et réessayez.',
    },
    de: {
      title: 'Hmmm...das hat nicht funktioniert',
      body: 'Diese Zahlung kann nicht fortgesetzt werden. Kehren Sie zum Shop zurück und versuchen Sie es erneut.',
    },
    it: {
      title: 'Hmmm...non ha funzionato',
      body: 'Non è stato possibile proseguire con il pagamento. Torna al negozio e riprova.',
    },
    es: {
      title: 'Hmmm...no ha funcionado',
      body: 'No hemos podido continuar con este pago. Vuelve a la tienda e inténtalo de nuevo.',
    },
  },
  ProblemConnecting: {
    en: {
      title: 'Problem connecting',
      body: 'This payment could not be connected to the shop you came from. Return to the shop and try again.',
    },
    fr: {
      title: 'Problème de connexion',
      body: "Ce paiement n'a pas pu être associé à la boutique. Retournez sur la boutique et réessayez.",
    },
    de: {
      title: 'Verbindungsproblem',
      body: 'Diese Zahlung konnte dem Shop nicht zugeordnet werden. Kehren Sie zum Shop zurück und versuchen Sie es erneut.',
    },
    it: {
      title: 'Problema di connessione',
      body: 'Non è stato possibile collegare il pagamento al negozio. Torna al negozio e riprova.',
    },
    es: {
      title: 'Problema de conexión',
      body: 'No hemos podido vincular este pago a la tienda. Vuelve a la tienda e inténtalo de nuevo.',
    },
  },
} as const satisfies Record<TroubleshootingPage, Record<Language, { title: string; body: string }>>;
