import type { Catalogue } from './messages-en.js';

/** Testi delle pagine in italiano (vedi messages-en.ts). */
export const IT = {
  'nav.language': 'Lingua',
  'nav.sandbox': 'localpay: sandbox di Amazon Pay. Nessun movimento di denaro reale.',

  'checkout.title': 'Paga con Amazon Pay',
  'checkout.updateTitle': 'Aggiorna il tuo portafoglio salvato',
  'checkout.merchant': 'Venditore: {merchant}',
  'checkout.amount': 'Importo: {amount}',
  'checkout.noteToBuyer': 'Nota del venditore: {note}',
  'checkout.signedInAs': 'Accesso effettuato come {name} (acquirente di test, senza password).',
  'checkout.buyerLegend': 'Acquirente di test',
  'checkout.useBuyer': 'Usa questo acquirente di test',
  'checkout.shippingLegend': 'Indirizzo di spedizione',
  'checkout.billingLegend': 'Indirizzo di fatturazione',
  'checkout.paymentLegend': 'Metodo di pagamento',
  'instrument.Success': 'carta di prova: i pagamenti riescono',
  'instrument.CheckoutBuyerCanceled': 'carta di prova: l’acquirente annulla il checkout',
  'instrument.CheckoutDeclined': 'carta di prova: rifiutata al checkout',
  'instrument.PendingThenAuthorized': 'carta di prova: in sospeso, poi autorizzata',
  'instrument.PendingThenHardDeclined': 'carta di prova: in sospeso, poi rifiutata definitivamente',
  'checkout.currentMethod': 'Il tuo portafoglio salvato usa ora {method}.',
  'checkout.consentSavedWallet':
    'Salva questo metodo di pagamento presso {merchant} per i pagamenti futuri (portafoglio salvato).',
  'checkout.consentRecurring':
    'Consenti a {merchant} di addebitare questo metodo di pagamento per pagamenti ricorrenti.',
  'checkout.consentUpdate': 'Usa questo metodo di pagamento per i pagamenti futuri a {merchant}.',
  'checkout.continue': 'Continua',
  'checkout.cancel': 'Annulla e torna al venditore',
  'checkout.errorConsent': 'Per continuare, accetta di salvare questo metodo di pagamento.',
  'checkout.errorChoice': 'Scegli un indirizzo e un metodo di pagamento dagli elenchi.',
  'checkout.endedTitle': 'Questo pagamento è terminato',
  'checkout.endedBody': 'Non c’è altro da fare qui. Torna al venditore per ricominciare.',

  'challenge.title': 'Verifica il pagamento',
  'challenge.intro': 'L’emittente della tua carta deve confermare che sei tu a pagare {merchant}.',
  'challenge.amount': 'Importo: {amount}',
  'challenge.card': 'Carta: {card}',
  'challenge.testCode': 'Emittente di test: il tuo codice monouso è {code}.',
  'challenge.codeLabel': 'Codice monouso',
  'challenge.codeHint':
    'Inserisci il codice di 6 cifre mostrato sopra. Qualsiasi altro codice fa fallire la verifica.',
  'challenge.verify': 'Verifica',
  'challenge.cancel': 'Annulla il pagamento',

  'wallet.title': 'Il tuo portafoglio salvato presso {merchant}',
  'wallet.status': 'Stato: {status}',
  'wallet.stateChargeable': 'Attivo',
  'wallet.stateNonChargeable': 'Serve un nuovo metodo di pagamento',
  'wallet.stateClosed': 'Rimosso',
  'wallet.method': 'Metodo di pagamento: {method}',
  'wallet.noMethod': 'nessuno',
  'wallet.updateLegend': 'Usa un altro metodo di pagamento',
  'wallet.update': 'Aggiorna il metodo di pagamento',
  'wallet.removeLegend': 'Rimuovi questo portafoglio salvato',
  'wallet.removeConfirm':
    'Sono consapevole che {merchant} non potrà più addebitare questo metodo di pagamento.',
  'wallet.remove': 'Rimuovi il portafoglio salvato',
  'wallet.updated': 'Il tuo metodo di pagamento è stato aggiornato.',
  'wallet.removed': 'Il tuo portafoglio salvato è stato rimosso.',
  'wallet.errorConfirm': 'Per rimuovere il portafoglio salvato, seleziona la casella di conferma.',
  'wallet.closed': 'Questo portafoglio salvato è chiuso. {merchant} non può più addebitarlo.',

  'problem.title': 'Hmmm... qualcosa non ha funzionato',
  // Seed 000's second troubleshooting page (the v1 Confirmation Flow's seller and id disagree).
  'problem.connectingTitle': 'Problema di connessione',
  'problem.notFound':
    'Non abbiamo trovato questo pagamento o portafoglio salvato. Controlla il link.',
  'problem.csrf':
    'Questo modulo è scaduto o non proviene da localpay. Torna indietro, ricarica la pagina e riprova.',
  'problem.generic': 'Non è stato possibile completare la richiesta.',
  'problem.details': 'Dettagli: {details}',
} as const satisfies Catalogue;
