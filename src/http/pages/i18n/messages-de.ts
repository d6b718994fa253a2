import type { Catalogue } from './messages-en.js';

/** Seitentexte auf Deutsch (siehe messages-en.ts). */
export const DE = {
  'nav.language': 'Sprache',
  'nav.sandbox': 'localpay: Amazon Pay-Sandbox. Es wird kein echtes Geld bewegt.',

  'checkout.title': 'Mit Amazon Pay bezahlen',
  'checkout.updateTitle': 'Gespeicherte Zahlungsart aktualisieren',
  'checkout.merchant': 'Händler: {merchant}',
  'checkout.amount': 'Betrag: {amount}',
  'checkout.noteToBuyer': 'Hinweis des Händlers: {note}',
  'checkout.signedInAs': 'Angemeldet als {name} (Testkäufer, ohne Passwort).',
  'checkout.buyerLegend': 'Testkäufer',
  'checkout.useBuyer': 'Zu diesem Testkäufer wechseln',
  'checkout.shippingLegend': 'Lieferadresse',
  'checkout.billingLegend': 'Rechnungsadresse',
  'checkout.paymentLegend': 'Zahlungsart',
  'instrument.Success': 'Testkarte: Zahlungen gelingen',
  'instrument.CheckoutBuyerCanceled': 'Testkarte: der Käufer bricht den Checkout ab',
  'instrument.CheckoutDeclined': 'Testkarte: wird beim Checkout abgelehnt',
  'instrument.PendingThenAuthorized': 'Testkarte: erst ausstehend, dann autorisiert',
  'instrument.PendingThenHardDeclined': 'Testkarte: erst ausstehend, dann endgültig abgelehnt',
  'checkout.currentMethod': 'Ihre gespeicherte Zahlungsart ist derzeit {method}.',
  'checkout.consentSavedWallet':
    'Diese Zahlungsart bei {merchant} für künftige Zahlungen speichern (Saved Wallet).',
  'checkout.consentRecurring':
    '{merchant} erlauben, diese Zahlungsart für wiederkehrende Zahlungen zu belasten.',
  'checkout.consentUpdate': 'Diese Zahlungsart für künftige Zahlungen an {merchant} verwenden.',
  'checkout.continue': 'Weiter',
  'checkout.cancel': 'Abbrechen und zum Händler zurückkehren',
  'checkout.errorConsent': 'Um fortzufahren, stimmen Sie dem Speichern dieser Zahlungsart zu.',
  'checkout.errorChoice': 'Wählen Sie eine Adresse und eine Zahlungsart aus den Listen.',
  'checkout.endedTitle': 'Dieser Bezahlvorgang ist beendet',
  'checkout.endedBody':
    'Hier ist nichts mehr zu tun. Kehren Sie zum Händler zurück, um neu zu beginnen.',

  'challenge.title': 'Zahlung bestätigen',
  'challenge.intro': 'Ihre Bank muss bestätigen, dass Sie selbst an {merchant} zahlen.',
  'challenge.amount': 'Betrag: {amount}',
  'challenge.card': 'Karte: {card}',
  'challenge.testCode': 'Test-Kartenausgeber: Ihr Einmalcode lautet {code}.',
  'challenge.codeLabel': 'Einmalcode',
  'challenge.codeHint':
    'Geben Sie den oben angezeigten 6-stelligen Code ein. Jeder andere Code lässt die Prüfung scheitern.',
  'challenge.verify': 'Bestätigen',
  'challenge.cancel': 'Zahlung abbrechen',

  'wallet.title': 'Ihre gespeicherte Zahlungsart bei {merchant}',
  'wallet.status': 'Status: {status}',
  'wallet.stateChargeable': 'Aktiv',
  'wallet.stateNonChargeable': 'Neue Zahlungsart erforderlich',
  'wallet.stateClosed': 'Entfernt',
  'wallet.method': 'Zahlungsart: {method}',
  'wallet.noMethod': 'keine',
  'wallet.updateLegend': 'Eine andere Zahlungsart verwenden',
  'wallet.update': 'Zahlungsart aktualisieren',
  'wallet.removeLegend': 'Diese gespeicherte Zahlungsart entfernen',
  'wallet.removeConfirm':
    'Mir ist bewusst, dass {merchant} diese Zahlungsart danach nicht mehr belasten kann.',
  'wallet.remove': 'Gespeicherte Zahlungsart entfernen',
  'wallet.updated': 'Ihre Zahlungsart wurde aktualisiert.',
  'wallet.removed': 'Ihre gespeicherte Zahlungsart wurde entfernt.',
  'wallet.errorConfirm':
    'Um die gespeicherte Zahlungsart zu entfernen, bestätigen Sie bitte das Kontrollkästchen.',
  'wallet.closed':
    'Diese gespeicherte Zahlungsart ist geschlossen. {merchant} kann sie nicht mehr belasten.',

  'problem.title': 'Hmmm... das hat nicht funktioniert',
  // Seed 000's second troubleshooting page (the v1 Confirmation Flow's seller and id disagree).
  'problem.connectingTitle': 'Verbindungsproblem',
  'problem.notFound':
    'Dieser Bezahlvorgang oder diese gespeicherte Zahlungsart wurde nicht gefunden. Prüfen Sie den Link.',
  'problem.csrf':
    'Dieses Formular ist abgelaufen oder stammt nicht von localpay. Gehen Sie zurück, laden Sie die Seite neu und versuchen Sie es erneut.',
  'problem.generic': 'Diese Anfrage konnte nicht abgeschlossen werden.',
  'problem.details': 'Details: {details}',
} as const satisfies Catalogue;
