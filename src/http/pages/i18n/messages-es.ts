import type { Catalogue } from './messages-en.js';

/** Textos de las páginas en español (ver messages-en.ts). */
export const ES = {
  'nav.language': 'Idioma',
  'nav.sandbox': 'localpay: entorno de pruebas de Amazon Pay. No se mueve dinero real.',

  'checkout.title': 'Pagar con Amazon Pay',
  'checkout.updateTitle': 'Actualiza tu monedero guardado',
  'checkout.merchant': 'Vendedor: {merchant}',
  'checkout.amount': 'Importe: {amount}',
  'checkout.noteToBuyer': 'Nota del vendedor: {note}',
  'checkout.signedInAs': 'Has iniciado sesión como {name} (comprador de prueba, sin contraseña).',
  'checkout.buyerLegend': 'Comprador de prueba',
  'checkout.useBuyer': 'Cambiar a este comprador de prueba',
  'checkout.shippingLegend': 'Dirección de envío',
  'checkout.billingLegend': 'Dirección de facturación',
  'checkout.paymentLegend': 'Método de pago',
  'instrument.Success': 'tarjeta de prueba: los pagos se aprueban',
  'instrument.CheckoutBuyerCanceled': 'tarjeta de prueba: el comprador cancela el pago',
  'instrument.CheckoutDeclined': 'tarjeta de prueba: rechazada en el pago',
  'instrument.PendingThenAuthorized': 'tarjeta de prueba: pendiente, luego autorizada',
  'instrument.PendingThenHardDeclined':
    'tarjeta de prueba: pendiente, luego rechazada definitivamente',
  'checkout.currentMethod': 'Tu monedero guardado usa ahora {method}.',
  'checkout.consentSavedWallet':
    'Guardar este método de pago en {merchant} para pagos futuros (monedero guardado).',
  'checkout.consentRecurring':
    'Permitir que {merchant} cargue pagos recurrentes en este método de pago.',
  'checkout.consentUpdate': 'Usar este método de pago para pagos futuros a {merchant}.',
  'checkout.continue': 'Continuar',
  'checkout.cancel': 'Cancelar y volver al vendedor',
  'checkout.errorConsent': 'Para continuar, acepta guardar este método de pago.',
  'checkout.errorChoice': 'Elige una dirección y un método de pago de las listas.',
  'checkout.endedTitle': 'Este pago ha terminado',
  'checkout.endedBody': 'No queda nada por hacer aquí. Vuelve al vendedor para empezar de nuevo.',

  'challenge.title': 'Verifica tu pago',
  'challenge.intro': 'El emisor de tu tarjeta debe confirmar que eres tú quien paga a {merchant}.',
  'challenge.amount': 'Importe: {amount}',
  'challenge.card': 'Tarjeta: {card}',
  'challenge.testCode': 'Emisor de prueba: tu código de un solo uso es {code}.',
  'challenge.codeLabel': 'Código de un solo uso',
  'challenge.codeHint':
    'Introduce el código de 6 dígitos que aparece arriba. Cualquier otro código hace fallar la verificación.',
  'challenge.verify': 'Verificar',
  'challenge.cancel': 'Cancelar el pago',

  'wallet.title': 'Tu monedero guardado en {merchant}',
  'wallet.status': 'Estado: {status}',
  'wallet.stateChargeable': 'Activo',
  'wallet.stateNonChargeable': 'Necesita un nuevo método de pago',
  'wallet.stateClosed': 'Eliminado',
  'wallet.method': 'Método de pago: {method}',
  'wallet.noMethod': 'ninguno',
  'wallet.updateLegend': 'Usar otro método de pago',
  'wallet.update': 'Actualizar el método de pago',
  'wallet.removeLegend': 'Eliminar este monedero guardado',
  'wallet.removeConfirm':
    'Entiendo que {merchant} ya no podrá cargar pagos en este método de pago.',
  'wallet.remove': 'Eliminar el monedero guardado',
  'wallet.updated': 'Tu método de pago se ha actualizado.',
  'wallet.removed': 'Tu monedero guardado se ha eliminado.',
  'wallet.errorConfirm': 'Para eliminar el monedero guardado, marca la casilla de confirmación.',
  'wallet.closed':
    'Este monedero guardado está cerrado. {merchant} ya no puede cargar pagos en él.',

  'problem.title': 'Hmmm... algo no ha funcionado',
  // Seed 000's second troubleshooting page (the v1 Confirmation Flow's seller and id disagree).
  'problem.connectingTitle': 'Problema de conexión',
  'problem.notFound': 'No hemos encontrado este pago o monedero guardado. Comprueba el enlace.',
  'problem.csrf':
    'Este formulario ha caducado o no procede de localpay. Vuelve atrás, recarga la página e inténtalo de nuevo.',
  'problem.generic': 'No se ha podido completar esta solicitud.',
  'problem.details': 'Detalles: {details}',
} as const satisfies Catalogue;
