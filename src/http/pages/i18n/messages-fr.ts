import type { Catalogue } from './messages-en.js';

/** Textes des pages en français (voir messages-en.ts). */
export const FR = {
  'nav.language': 'Langue',
  'nav.sandbox': "localpay : bac à sable Amazon Pay. Aucun argent réel n'est débité.",

  'checkout.title': 'Payer avec Amazon Pay',
  'checkout.updateTitle': 'Mettre à jour votre portefeuille enregistré',
  'checkout.merchant': 'Marchand : {merchant}',
  'checkout.amount': 'Montant : {amount}',
  'checkout.noteToBuyer': 'Note du marchand : {note}',
  'checkout.signedInAs': 'Connecté en tant que {name} (acheteur de test, sans mot de passe).',
  'checkout.buyerLegend': 'Acheteur de test',
  'checkout.useBuyer': 'Utiliser cet acheteur de test',
  'checkout.shippingLegend': 'Adresse de livraison',
  'checkout.billingLegend': 'Adresse de facturation',
  'checkout.paymentLegend': 'Moyen de paiement',
  'instrument.Success': 'carte de test : les paiements aboutissent',
  'instrument.CheckoutBuyerCanceled': 'carte de test : l’acheteur annule le paiement',
  'instrument.CheckoutDeclined': 'carte de test : refusée au paiement',
  'instrument.PendingThenAuthorized': 'carte de test : en attente, puis autorisée',
  'instrument.PendingThenHardDeclined': 'carte de test : en attente, puis refusée définitivement',
  'checkout.currentMethod': 'Votre portefeuille enregistré utilise actuellement {method}.',
  'checkout.consentSavedWallet':
    'Enregistrer ce moyen de paiement auprès de {merchant} pour de futurs paiements (portefeuille enregistré).',
  'checkout.consentRecurring':
    'Autoriser {merchant} à débiter ce moyen de paiement pour des paiements récurrents.',
  'checkout.consentUpdate': 'Utiliser ce moyen de paiement pour les futurs paiements à {merchant}.',
  'checkout.continue': 'Continuer',
  'checkout.cancel': 'Annuler et revenir chez le marchand',
  'checkout.errorConsent': 'Pour continuer, acceptez d’enregistrer ce moyen de paiement.',
  'checkout.errorChoice': 'Choisissez une adresse et un moyen de paiement dans les listes.',
  'checkout.endedTitle': 'Ce paiement est terminé',
  'checkout.endedBody':
    'Il n’y a plus rien à faire ici. Revenez chez le marchand pour recommencer.',

  'challenge.title': 'Vérifiez votre paiement',
  'challenge.intro':
    'L’émetteur de votre carte doit confirmer que c’est bien vous qui payez {merchant}.',
  'challenge.amount': 'Montant : {amount}',
  'challenge.card': 'Carte : {card}',
  'challenge.testCode': 'Émetteur de test : votre code à usage unique est {code}.',
  'challenge.codeLabel': 'Code à usage unique',
  'challenge.codeHint':
    'Saisissez le code à 6 chiffres affiché ci-dessus. Tout autre code fait échouer la vérification.',
  'challenge.verify': 'Vérifier',
  'challenge.cancel': 'Annuler le paiement',

  'wallet.title': 'Votre portefeuille enregistré chez {merchant}',
  'wallet.status': 'Statut : {status}',
  'wallet.stateChargeable': 'Actif',
  'wallet.stateNonChargeable': 'Nouveau moyen de paiement nécessaire',
  'wallet.stateClosed': 'Supprimé',
  'wallet.method': 'Moyen de paiement : {method}',
  'wallet.noMethod': 'aucun',
  'wallet.updateLegend': 'Utiliser un autre moyen de paiement',
  'wallet.update': 'Mettre à jour le moyen de paiement',
  'wallet.removeLegend': 'Supprimer ce portefeuille enregistré',
  'wallet.removeConfirm':
    'Je comprends que {merchant} ne pourra plus débiter ce moyen de paiement.',
  'wallet.remove': 'Supprimer le portefeuille enregistré',
  'wallet.updated': 'Votre moyen de paiement a été mis à jour.',
  'wallet.removed': 'Votre portefeuille enregistré a été supprimé.',
  'wallet.errorConfirm':
    'Pour supprimer le portefeuille enregistré, cochez la case de confirmation.',
  'wallet.closed': 'Ce portefeuille enregistré est fermé. {merchant} ne peut plus le débiter.',

  'problem.title': 'Hmmm... cela n’a pas fonctionné',
  // Seed 000's second troubleshooting page (the v1 Confirmation Flow's seller and id disagree).
  'problem.connectingTitle': 'Problème de connexion',
  'problem.notFound':
    'Ce paiement ou ce portefeuille enregistré est introuvable. Vérifiez le lien.',
  'problem.csrf':
    'Ce formulaire a expiré ou ne provient pas de localpay. Revenez en arrière, rechargez la page et réessayez.',
  'problem.generic': 'Cette demande n’a pas pu aboutir.',
  'problem.details': 'Détails : {details}',
} as const satisfies Catalogue;
