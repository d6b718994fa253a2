/**
 * The shop's words in English, French, German, Italian and Spanish. The buyer messages Amazon Pay
 * recommends are kept verbatim (`mfa.*` from seed 000's "Recommended errors messages" table,
 * `error.tryAgain` from its error-code table, `payment.notSuccessful` from seed 004); the other
 * translations are the shop's own. (localpay also serves the seed 000 messages at
 * GET /messages/mfa.json; a shop keeps its own copy, as here.)
 */
export const LANGUAGES = ['en', 'fr', 'de', 'it', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

export const LANGUAGE_NAMES: Record<Language, string> = {
  en: 'English',
  fr: 'Français',
  de: 'Deutsch',
  it: 'Italiano',
  es: 'Español',
};

/** Intl locales for amounts (49,00 €) and Amazon's checkoutLanguage parameter (de_DE). */
export const LOCALES: Record<Language, string> = {
  en: 'en-GB',
  fr: 'fr-FR',
  de: 'de-DE',
  it: 'it-IT',
  es: 'es-ES',
};

const en = {
  'shop.name': 'Localpay Coffee',
  'nav.shop': 'Shop',
  'nav.subscriptions': 'Subscriptions',
  'nav.account': 'Your account',
  'footer.note': 'A reference Amazon Pay integration running against localpay (Sandbox).',

  'home.title': 'Fresh coffee, paid with Amazon Pay',
  'home.oneOff': 'One-off purchase',
  'home.subscribe': 'Subscriptions',
  'home.addToCart': 'Add to cart',
  'home.seePlans': 'See the plans',
  'product.grinder': 'Hand grinder',
  'plan.filter': 'Filter coffee box',
  'plan.espresso': 'Espresso box',
  'plan.perMonth': '{amount} / month',

  'cart.title': 'Your cart',
  'cart.empty': 'Your cart is empty.',
  'cart.total': 'Total',
  'cart.payWith': 'Check out with Amazon Pay:',
  'cart.continueSaved': 'Continue with your Amazon Pay account',

  'checkout.title': 'Choose your address and payment method',
  'checkout.continue': 'Continue',
  'checkout.incomplete':
    'Please choose an address and a payment method, and agree to keep the payment method for future purchases.',

  'review.title': 'Review your order',
  'review.buyNow': 'Buy now',
  'review.orderFailed':
    'We could not place your order. Please check your payment method and try again.',

  'thanks.title': 'Thank you for your order',
  'thanks.body': 'Order {order}: we charged {amount} to your Amazon Pay account.',
  'thanks.ship': 'Ship order',
  'thanks.shipped':
    'Shipped with {carrier}, tracking number {tracking}. Amazon Pay tells you on Alexa when it arrives.',
  'home.signIn': 'Have an Amazon account? Sign in with it:',
  'flash.signedIn': 'Welcome, {name}! You are signed in with Amazon ({email}).',

  'mfa.Abandoned': "Something's wrong with your payment method. To place your order, try another.",
  'mfa.Failure':
    "There was a problem with your payment. Your order hasn't been placed, and you haven't been charged.",
  'error.tryAgain': 'Something went wrong. Please try again.',
  'payment.notSuccessful': 'Your payment was not successful. Please try another payment method.',

  'subs.title': 'Coffee subscriptions',
  'subs.intro':
    'A fresh box every month. Amazon Pay keeps your payment method for the renewals; cancel at any time.',
  'subs.subscribe': 'Subscribe with Amazon Pay',

  'account.title': 'Your subscriptions',
  'account.none': 'You have no subscriptions yet.',
  'account.paymentMethod': 'Payment method',
  'account.payments': 'Payments',
  'account.renew': 'Bill the next month now',
  'account.cancel': 'Cancel subscription',
  'account.updateNeeded':
    'Amazon Pay declined your payment method. Please update it on Amazon Pay: we will charge {amount} as soon as Amazon Pay tells us it has changed.',
  'account.updateLink': 'Update your payment method on Amazon Pay',

  'status.Active': 'Active',
  'status.PaymentMethodUpdateNeeded': 'Payment method needs updating',
  'status.PaymentRetryLater': 'Payment will be retried',
  'status.Canceled': 'Canceled',
  'charge.Captured': 'Paid',
  'charge.Declined': 'Declined',

  'flash.subscribed': 'Thank you! Your subscription is active. We charged {amount}.',
  'flash.renewed': 'We charged {amount} for the next month.',
  'flash.renewalFailed': 'We could not charge your payment method. We will try again later.',
  'flash.canceled': 'Your subscription is canceled. Amazon Pay will not charge you again for it.',

  'sandbox.title': 'Sandbox simulation',
  'sandbox.none': 'None',
};

export type MessageKey = keyof typeof en;
type Catalogue = Record<MessageKey, string>;

const fr: Catalogue = {
  'shop.name': 'Localpay Coffee',
  'nav.shop': 'Boutique',
  'nav.subscriptions': 'Abonnements',
  'nav.account': 'Votre compte',
  'footer.note': 'Une intégration Amazon Pay de référence, reliée à localpay (Sandbox).',
  'home.title': 'Du café frais, payé avec Amazon Pay',
  'home.oneOff': 'Achat unique',
  'home.subscribe': 'Abonnements',
  'home.addToCart': 'Ajouter au panier',
  'home.seePlans': 'Voir les formules',
  'product.grinder': 'Moulin à café manuel',
  'plan.filter': 'Box café filtre',
  'plan.espresso': 'Box espresso',
  'plan.perMonth': '{amount} / mois',
  'cart.title': 'Votre panier',
  'cart.empty': 'Votre panier est vide.',
  'cart.total': 'Total',
  'cart.payWith': 'Payer avec Amazon Pay :',
  'cart.continueSaved': 'Continuer avec votre compte Amazon Pay',
  'checkout.title': 'Choisissez votre adresse et votre moyen de paiement',
  'checkout.continue': 'Continuer',
  'checkout.incomplete':
    'Veuillez choisir une adresse et un moyen de paiement, et accepter de conserver ce moyen de paiement pour vos prochains achats.',
  'review.title': 'Vérifiez votre commande',
  'review.buyNow': 'Acheter maintenant',
  'review.orderFailed':
    "Nous n'avons pas pu passer votre commande. Vérifiez votre moyen de paiement et réessayez.",
  'thanks.title': 'Merci pour votre commande',
  'thanks.body': 'Commande {order} : nous avons débité {amount} sur votre compte Amazon Pay.',
  'thanks.ship': 'Expédier la commande',
  'thanks.shipped':
    'Expédiée avec {carrier}, numéro de suivi {tracking}. Amazon Pay vous prévient sur Alexa à la livraison.',
  'home.signIn': 'Vous avez un compte Amazon ? Connectez-vous avec :',
  'flash.signedIn': 'Bienvenue, {name} ! Vous êtes connecté avec Amazon ({email}).',
  'mfa.Abandoned':
    'Un problème est survenu avec votre moyen de paiement. Pour passer votre commande, essayez un autre moyen de paiement.',
  'mfa.Failure':
    "Un problème s’est produit avec votre paiement. Votre commande n'a pas été passée et vous n'avez pas été débité.",
  'error.tryAgain': "Une erreur s'est produite. Veuillez réessayer.",
  'payment.notSuccessful':
    "Votre paiement n'a pas abouti. Veuillez essayer un autre moyen de paiement.",
  'subs.title': 'Abonnements café',
  'subs.intro':
    'Une box fraîche chaque mois. Amazon Pay conserve votre moyen de paiement pour les renouvellements ; résiliable à tout moment.',
  'subs.subscribe': "S'abonner avec Amazon Pay",
  'account.title': 'Vos abonnements',
  'account.none': "Vous n'avez pas encore d'abonnement.",
  'account.paymentMethod': 'Moyen de paiement',
  'account.payments': 'Paiements',
  'account.renew': 'Facturer le mois suivant maintenant',
  'account.cancel': "Résilier l'abonnement",
  'account.updateNeeded':
    "Amazon Pay a refusé votre moyen de paiement. Veuillez le mettre à jour sur Amazon Pay : nous débiterons {amount} dès qu'Amazon Pay nous aura informés du changement.",
  'account.updateLink': 'Mettre à jour votre moyen de paiement sur Amazon Pay',
  'status.Active': 'Actif',
  'status.PaymentMethodUpdateNeeded': 'Moyen de paiement à mettre à jour',
  'status.PaymentRetryLater': 'Le paiement sera réessayé',
  'status.Canceled': 'Résilié',
  'charge.Captured': 'Payé',
  'charge.Declined': 'Refusé',
  'flash.subscribed': 'Merci ! Votre abonnement est actif. Nous avons débité {amount}.',
  'flash.renewed': 'Nous avons débité {amount} pour le mois suivant.',
  'flash.renewalFailed':
    "Nous n'avons pas pu débiter votre moyen de paiement. Nous réessaierons plus tard.",
  'flash.canceled':
    'Votre abonnement est résilié. Amazon Pay ne vous débitera plus pour cet abonnement.',
  'sandbox.title': 'Simulation sandbox',
  'sandbox.none': 'Aucune',
};

const de: Catalogue = {
  'shop.name': 'Localpay Coffee',
  'nav.shop': 'Shop',
  'nav.subscriptions': 'Abos',
  'nav.account': 'Ihr Konto',
  'footer.note': 'Eine Referenzintegration von Amazon Pay, verbunden mit localpay (Sandbox).',
  'home.title': 'Frischer Kaffee, bezahlt mit Amazon Pay',
  'home.oneOff': 'Einzelkauf',
  'home.subscribe': 'Abos',
  'home.addToCart': 'In den Warenkorb',
  'home.seePlans': 'Zu den Abos',
  'product.grinder': 'Handmühle',
  'plan.filter': 'Filterkaffee-Box',
  'plan.espresso': 'Espresso-Box',
  'plan.perMonth': '{amount} / Monat',
  'cart.title': 'Ihr Warenkorb',
  'cart.empty': 'Ihr Warenkorb ist leer.',
  'cart.total': 'Summe',
  'cart.payWith': 'Mit Amazon Pay bezahlen:',
  'cart.continueSaved': 'Mit Ihrem Amazon Pay-Konto fortfahren',
  'checkout.title': 'Wählen Sie Adresse und Zahlungsart',
  'checkout.continue': 'Weiter',
  'checkout.incomplete':
    'Bitte wählen Sie eine Adresse und eine Zahlungsart und stimmen Sie zu, die Zahlungsart für künftige Einkäufe zu speichern.',
  'review.title': 'Bestellung überprüfen',
  'review.buyNow': 'Jetzt kaufen',
  'review.orderFailed':
    'Ihre Bestellung konnte nicht aufgegeben werden. Bitte prüfen Sie Ihre Zahlungsart und versuchen Sie es erneut.',
  'thanks.title': 'Vielen Dank für Ihre Bestellung',
  'thanks.body': 'Bestellung {order}: Wir haben {amount} über Ihr Amazon Pay-Konto abgebucht.',
  'thanks.ship': 'Bestellung versenden',
  'thanks.shipped':
    'Versendet mit {carrier}, Sendungsnummer {tracking}. Amazon Pay benachrichtigt Sie über Alexa bei der Zustellung.',
  'home.signIn': 'Sie haben ein Amazon-Konto? Melden Sie sich damit an:',
  'flash.signedIn': 'Willkommen, {name}! Sie sind mit Amazon angemeldet ({email}).',
  'mfa.Abandoned':
    'Mit dieser Zahlungsart ist ein Problem aufgetreten. Um Ihre Bestellung abzuschließen, wählen Sie bitte eine andere aus.',
  'mfa.Failure':
    'Beim Zahlungsvorgang ist ein Problem aufgetreten. Ihre Bestellung wurde nicht aufgegeben und Ihr Konto nicht belastet.',
  'error.tryAgain': 'Etwas ist schiefgelaufen. Bitte versuchen Sie es erneut.',
  'payment.notSuccessful':
    'Ihre Zahlung war nicht erfolgreich. Bitte versuchen Sie es mit einer anderen Zahlungsart.',
  'subs.title': 'Kaffee-Abos',
  'subs.intro':
    'Jeden Monat eine frische Box. Amazon Pay speichert Ihre Zahlungsart für die Verlängerungen; jederzeit kündbar.',
  'subs.subscribe': 'Mit Amazon Pay abonnieren',
  'account.title': 'Ihre Abos',
  'account.none': 'Sie haben noch keine Abos.',
  'account.paymentMethod': 'Zahlungsart',
  'account.payments': 'Zahlungen',
  'account.renew': 'Nächsten Monat jetzt abrechnen',
  'account.cancel': 'Abo kündigen',
  'account.updateNeeded':
    'Amazon Pay hat Ihre Zahlungsart abgelehnt. Bitte aktualisieren Sie sie bei Amazon Pay: Wir buchen {amount} ab, sobald Amazon Pay uns die Änderung meldet.',
  'account.updateLink': 'Zahlungsart bei Amazon Pay aktualisieren',
  'status.Active': 'Aktiv',
  'status.PaymentMethodUpdateNeeded': 'Zahlungsart muss aktualisiert werden',
  'status.PaymentRetryLater': 'Zahlung wird erneut versucht',
  'status.Canceled': 'Gekündigt',
  'charge.Captured': 'Bezahlt',
  'charge.Declined': 'Abgelehnt',
  'flash.subscribed': 'Vielen Dank! Ihr Abo ist aktiv. Wir haben {amount} abgebucht.',
  'flash.renewed': 'Wir haben {amount} für den nächsten Monat abgebucht.',
  'flash.renewalFailed':
    'Ihre Zahlungsart konnte nicht belastet werden. Wir versuchen es später erneut.',
  'flash.canceled': 'Ihr Abo ist gekündigt. Amazon Pay belastet Sie dafür nicht mehr.',
  'sandbox.title': 'Sandbox-Simulation',
  'sandbox.none': 'Keine',
};

const it: Catalogue = {
  'shop.name': 'Localpay Coffee',
  'nav.shop': 'Negozio',
  'nav.subscriptions': 'Abbonamenti',
  'nav.account': 'Il tuo account',
  'footer.note': 'Un’integrazione Amazon Pay di riferimento, collegata a localpay (Sandbox).',
  'home.title': 'Caffè fresco, pagato con Amazon Pay',
  'home.oneOff': 'Acquisto singolo',
  'home.subscribe': 'Abbonamenti',
  'home.addToCart': 'Aggiungi al carrello',
  'home.seePlans': 'Vedi i piani',
  'product.grinder': 'Macinacaffè manuale',
  'plan.filter': 'Box caffè filtro',
  'plan.espresso': 'Box espresso',
  'plan.perMonth': '{amount} / mese',
  'cart.title': 'Il tuo carrello',
  'cart.empty': 'Il carrello è vuoto.',
  'cart.total': 'Totale',
  'cart.payWith': 'Paga con Amazon Pay:',
  'cart.continueSaved': 'Continua con il tuo account Amazon Pay',
  'checkout.title': 'Scegli indirizzo e metodo di pagamento',
  'checkout.continue': 'Continua',
  'checkout.incomplete':
    'Scegli un indirizzo e un metodo di pagamento e accetta di conservarlo per gli acquisti futuri.',
  'review.title': 'Rivedi il tuo ordine',
  'review.buyNow': 'Acquista ora',
  'review.orderFailed':
    'Non è stato possibile effettuare l’ordine. Controlla il metodo di pagamento e riprova.',
  'thanks.title': 'Grazie per il tuo ordine',
  'thanks.body': 'Ordine {order}: abbiamo addebitato {amount} sul tuo account Amazon Pay.',
  'thanks.ship': 'Spedisci ordine',
  'thanks.shipped':
    'Spedito con {carrier}, numero di tracciamento {tracking}. Amazon Pay ti avvisa su Alexa alla consegna.',
  'home.signIn': 'Hai un account Amazon? Accedi con:',
  'flash.signedIn': "Benvenuto, {name}! Hai effettuato l'accesso con Amazon ({email}).",
  'mfa.Abandoned':
    "Si è verificato un problema con il metodo di pagamento. Per effettuare l'ordine, prova con un altro metodo di pagamento.",
  'mfa.Failure':
    "Si è verificato un problema con il pagamento. L'ordine non è stato effettuato, pertanto non ti è stato addebitato alcun importo.",
  'error.tryAgain': 'Si è verificato un errore. Riprova.',
  'payment.notSuccessful':
    'Il pagamento non è andato a buon fine. Prova con un altro metodo di pagamento.',
  'subs.title': 'Abbonamenti al caffè',
  'subs.intro':
    'Una box fresca ogni mese. Amazon Pay conserva il tuo metodo di pagamento per i rinnovi; puoi annullare in qualsiasi momento.',
  'subs.subscribe': 'Abbonati con Amazon Pay',
  'account.title': 'I tuoi abbonamenti',
  'account.none': 'Non hai ancora abbonamenti.',
  'account.paymentMethod': 'Metodo di pagamento',
  'account.payments': 'Pagamenti',
  'account.renew': 'Addebita ora il mese successivo',
  'account.cancel': 'Annulla abbonamento',
  'account.updateNeeded':
    'Amazon Pay ha rifiutato il tuo metodo di pagamento. Aggiornalo su Amazon Pay: addebiteremo {amount} non appena Amazon Pay ci comunicherà la modifica.',
  'account.updateLink': 'Aggiorna il metodo di pagamento su Amazon Pay',
  'status.Active': 'Attivo',
  'status.PaymentMethodUpdateNeeded': 'Metodo di pagamento da aggiornare',
  'status.PaymentRetryLater': 'Il pagamento verrà ritentato',
  'status.Canceled': 'Annullato',
  'charge.Captured': 'Pagato',
  'charge.Declined': 'Rifiutato',
  'flash.subscribed': 'Grazie! Il tuo abbonamento è attivo. Abbiamo addebitato {amount}.',
  'flash.renewed': 'Abbiamo addebitato {amount} per il mese successivo.',
  'flash.renewalFailed':
    'Non è stato possibile addebitare il tuo metodo di pagamento. Riproveremo più tardi.',
  'flash.canceled':
    'Il tuo abbonamento è annullato. Amazon Pay non ti addebiterà più alcun importo per questo abbonamento.',
  'sandbox.title': 'Simulazione sandbox',
  'sandbox.none': 'Nessuna',
};

const es: Catalogue = {
  'shop.name': 'Localpay Coffee',
  'nav.shop': 'Tienda',
  'nav.subscriptions': 'Suscripciones',
  'nav.account': 'Tu cuenta',
  'footer.note': 'Una integración de referencia de Amazon Pay, conectada a localpay (Sandbox).',
  'home.title': 'Café recién tostado, pagado con Amazon Pay',
  'home.oneOff': 'Compra única',
  'home.subscribe': 'Suscripciones',
  'home.addToCart': 'Añadir a la cesta',
  'home.seePlans': 'Ver los planes',
  'product.grinder': 'Molinillo manual',
  'plan.filter': 'Caja de café de filtro',
  'plan.espresso': 'Caja de espresso',
  'plan.perMonth': '{amount} / mes',
  'cart.title': 'Tu cesta',
  'cart.empty': 'Tu cesta está vacía.',
  'cart.total': 'Total',
  'cart.payWith': 'Pagar con Amazon Pay:',
  'cart.continueSaved': 'Continuar con tu cuenta de Amazon Pay',
  'checkout.title': 'Elige tu dirección y tu método de pago',
  'checkout.continue': 'Continuar',
  'checkout.incomplete':
    'Elige una dirección y un método de pago, y acepta guardar el método de pago para futuras compras.',
  'review.title': 'Revisa tu pedido',
  'review.buyNow': 'Comprar ahora',
  'review.orderFailed':
    'No hemos podido realizar tu pedido. Comprueba tu método de pago e inténtalo de nuevo.',
  'thanks.title': 'Gracias por tu pedido',
  'thanks.body': 'Pedido {order}: hemos cargado {amount} en tu cuenta de Amazon Pay.',
  'thanks.ship': 'Enviar pedido',
  'thanks.shipped':
    'Enviado con {carrier}, número de seguimiento {tracking}. Amazon Pay te avisa en Alexa cuando llegue.',
  'home.signIn': '¿Tienes una cuenta de Amazon? Inicia sesión con ella:',
  'flash.signedIn': '¡Bienvenido, {name}! Has iniciado sesión con Amazon ({email}).',
  'mfa.Abandoned':
    'Se ha producido un error con tu método de pago. Para confirmar tu pedido, prueba con otro método de pago.',
  'mfa.Failure':
    'Se ha producido un problema con el pago. Tu pedido no se ha confirmado y no se te ha cargado ningún importe.',
  'error.tryAgain': 'Algo ha salido mal. Inténtalo de nuevo.',
  'payment.notSuccessful':
    'Tu pago no se ha realizado correctamente. Prueba con otro método de pago.',
  'subs.title': 'Suscripciones de café',
  'subs.intro':
    'Una caja recién tostada cada mes. Amazon Pay guarda tu método de pago para las renovaciones; cancela cuando quieras.',
  'subs.subscribe': 'Suscribirse con Amazon Pay',
  'account.title': 'Tus suscripciones',
  'account.none': 'Todavía no tienes suscripciones.',
  'account.paymentMethod': 'Método de pago',
  'account.payments': 'Pagos',
  'account.renew': 'Cobrar ahora el mes siguiente',
  'account.cancel': 'Cancelar suscripción',
  'account.updateNeeded':
    'Amazon Pay ha rechazado tu método de pago. Actualízalo en Amazon Pay: cobraremos {amount} en cuanto Amazon Pay nos avise del cambio.',
  'account.updateLink': 'Actualizar tu método de pago en Amazon Pay',
  'status.Active': 'Activa',
  'status.PaymentMethodUpdateNeeded': 'Hay que actualizar el método de pago',
  'status.PaymentRetryLater': 'Se volverá a intentar el pago',
  'status.Canceled': 'Cancelada',
  'charge.Captured': 'Pagado',
  'charge.Declined': 'Rechazado',
  'flash.subscribed': '¡Gracias! Tu suscripción está activa. Hemos cobrado {amount}.',
  'flash.renewed': 'Hemos cobrado {amount} por el mes siguiente.',
  'flash.renewalFailed':
    'No hemos podido cobrar en tu método de pago. Lo volveremos a intentar más tarde.',
  'flash.canceled': 'Tu suscripción está cancelada. Amazon Pay no te volverá a cobrar por ella.',
  'sandbox.title': 'Simulación de sandbox',
  'sandbox.none': 'Ninguna',
};

const CATALOGUES: Record<Language, Catalogue> = { en, fr, de, it, es };

/** The message in `language`, with `{name}` placeholders filled in. */
export function t(
  language: Language,
  key: MessageKey,
  values: Readonly<Record<string, string>> = {},
): string {
  return CATALOGUES[language][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(values, name) ? (values[name] ?? whole) : whole,
  );
}

export const isLanguage = (value: unknown): value is Language =>
  typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);

/** The first language of Accept-Language the shop speaks (q-values are in order in practice). */
export function fromAcceptLanguage(header: string | undefined): Language | null {
  for (const range of (header ?? '').split(',')) {
    const primary = range.trim().split(/[-_;]/)[0]?.toLowerCase();
    if (isLanguage(primary)) return primary;
  }
  return null;
}

/** 49,00 € / €49.00, the buyer's way. */
export const formatAmount = (language: Language, amount: string, currency: string): string =>
  new Intl.NumberFormat(LOCALES[language], { style: 'currency', currency }).format(Number(amount));
