// Texts of the counsellor console in Dutch (default) and English. Taxonomy labels come
// from the server; everything the console itself says lives here.

const TEXTS = {
  nl: {
    'app.title': 'Uitweg – console hulpverlener',
    'app.brand': 'Uitweg console',
    'skip.main': 'Naar de gesprekken',
    'login.heading': 'Inloggen',
    'login.intro': 'Log in met je account als hulpverlener.',
    'login.username': 'Gebruikersnaam',
    'login.password': 'Wachtwoord',
    'login.submit': 'Inloggen',
    'login.busy': 'Bezig met inloggen…',
    'login.failed': 'Gebruikersnaam of wachtwoord klopt niet.',
    'login.error': 'Inloggen lukt nu niet. Probeer het zo opnieuw.',
    'login.notCounsellor': 'Dit account heeft geen rol als hulpverlener en kan de console niet gebruiken.',
    'login.expired': 'Je sessie is verlopen. Log opnieuw in; je concepten blijven bewaard.',
    'login.disabled': 'Je account is uitgeschakeld door een coördinator.',
    'login.passwordReset': 'Je wachtwoord is gewijzigd door een coördinator. Log in met het nieuwe wachtwoord.',
    'login.signedOut': 'Je bent afgemeld. Log opnieuw in om verder te gaan.',
    'header.signedInAs': 'Ingelogd als {name}',
    'header.logout': 'Uitloggen',
    'header.language': 'English',
    'header.languageLabel': 'Switch to English',
    'header.mute': 'Geluid uit',
    'header.pending': 'Nog te registreren ({count})',
    'header.load': 'Gesprekken {load} van {capacity}',
    'availability.label': 'Beschikbaar',
    'availability.available': 'Je bent beschikbaar voor nieuwe gesprekken.',
    'availability.away': 'Je bent afwezig: je krijgt geen nieuwe gesprekken.',
    'availability.offline': 'Niet verbonden.',
    'availability.lapsed': 'Je staat op afwezig omdat een aanbod niet op tijd is aangenomen.',
    'connection.connecting': 'Verbinden…',
    'connection.online': 'Verbonden',
    'connection.retry': 'Verbinding weg. Opnieuw proberen over {seconds} s…',
    'connection.retryNow': 'Nu opnieuw verbinden',
    'queue.heading': 'Wachtrij',
    'queue.waiting': '{count} wachtend',
    'queue.waitingOne': '1 wachtend',
    'queue.none': 'Niemand wacht',
    'queue.longest': 'langste wachttijd {time}',
    'queue.unknown': 'Niet zichtbaar: je bent afwezig of vol',
    'queue.takeNext': 'Volgende nemen',
    'queue.alert': 'Er wacht iemand: {count} in de wachtrij.',
    'offers.heading': 'Aanbod',
    'offer.new': 'Nieuw gesprek aangeboden. Wachttijd {time}.',
    'offer.newHandover': 'Overdracht aangeboden door {name}.',
    'offer.title': 'Nieuw gesprek',
    'offer.handover': 'Overdracht van {name}',
    'offer.waited': 'Gewacht: {time}',
    'offer.expires': 'Vervalt over {seconds} s',
    'offer.accept': 'Aannemen',
    'offer.decline': 'Weigeren',
    'offer.noIntake': 'Geen intake ingevuld',
    'offer.acute': 'Acuut gevaar',
    'offer.withdrawn': 'Aanbod ingetrokken: {reason}',
    'withdrawn.lapsed': 'niet op tijd aangenomen',
    'withdrawn.declined': 'geweigerd',
    'withdrawn.visitor_left': 'de bezoeker is weggegaan',
    'withdrawn.visitor_abandoned': 'de bezoeker is niet meer verbonden',
    'withdrawn.counsellor_lost': 'je was te lang offline',
    'withdrawn.counsellor_ended': 'het gesprek is beëindigd',
    'withdrawn.blocked': 'de bezoeker is geblokkeerd',
    'conversations.heading': 'Gesprekken',
    'conversations.empty': 'Geen open gesprekken. Zet je op beschikbaar om gesprekken te krijgen.',
    'conversation.title': 'Gesprek {n}',
    'conversation.tabUnread': '{count} ongelezen',
    'conversation.state.active': 'Actief',
    'conversation.state.ended': 'Beëindigd',
    'conversation.state.transferred': 'Overgedragen',
    'conversation.state.gone': 'Niet meer van jou',
    'conversation.messages': 'Berichten van gesprek {n}',
    'conversation.newMessage': 'Nieuw bericht in gesprek {n}: {text}',
    'conversation.visitorTyping': 'De bezoeker typt…',
    'from.visitor': 'Bezoeker',
    'from.counsellor': 'Hulpverlener',
    'from.you': 'Jij',
    'from.system': 'Melding',
    'delivery.pending': 'wordt verstuurd…',
    'delivery.sent': 'verstuurd',
    'delivery.failed': 'niet verstuurd: {reason}',
    'delivery.retry': 'Opnieuw versturen',
    'delivery.edit': 'Terug naar concept',
    'delivery.discard': 'Weggooien',
    'composer.label': 'Bericht',
    'composer.hint': 'Enter verstuurt, Shift+Enter geeft een nieuwe regel.',
    'composer.send': 'Versturen',
    'composer.tooLong': 'Een bericht is hooguit 2000 tekens.',
    'canned.label': 'Standaardtekst',
    'canned.choose': 'Kies een standaardtekst…',
    'canned.insert': 'Invoegen',
    'actions.end': 'Gesprek beëindigen',
    'actions.transfer': 'Overdragen',
    'actions.transferTo': 'Gebruikersnaam collega',
    'actions.transferColleague': 'Aan collega',
    'actions.transferQueue': 'Terug naar de wachtrij',
    'actions.block': 'Blokkeren',
    'actions.blockConfirmText': 'Blokkeren beëindigt het gesprek en weigert deze bezoeker 24 uur. Zeker weten?',
    'actions.blockConfirm': 'Ja, blokkeren',
    'actions.cancel': 'Annuleren',
    'actions.close': 'Sluiten',
    'transfer.requested': 'Overdracht aangevraagd aan {to}. Je blijft het gesprek voeren tot er antwoord is.',
    'transfer.requestedQueue': 'Het gesprek gaat terug naar de wachtrij.',
    'transfer.done': 'Overgedragen aan {to}.',
    'transfer.doneQueue': 'Teruggezet in de wachtrij.',
    'transfer.declined': '{by} heeft de overdracht geweigerd. Het gesprek blijft bij jou.',
    'transfer.lapsed': '{by} heeft niet op tijd gereageerd. Het gesprek blijft bij jou.',
    'ended.counsellor_ended': 'Je hebt het gesprek beëindigd.',
    'ended.visitor_left': 'De bezoeker heeft het gesprek verlaten.',
    'ended.visitor_abandoned': 'De bezoeker is niet teruggekomen.',
    'ended.blocked': 'De bezoeker is geblokkeerd.',
    'ended.expired': 'Het gesprek is automatisch beëindigd: het stond te lang open.',
    'ended.other': 'Het gesprek is beëindigd.',
    'ended.announce': 'Gesprek {n} is beëindigd: {reason}',
    'event.assigned': 'Gesprek aangenomen door een hulpverlener',
    'event.requeued': 'Terug in de wachtrij',
    'gone.text': 'Dit gesprek is niet meer aan jou toegewezen.',
    'registration.heading': 'Registratie van het contact',
    'registration.intro': 'Alleen codes, geen namen of vrije tekst. Alle vragen zijn optioneel.',
    'registration.notAnswered': 'Niet ingevuld',
    'registration.submit': 'Registratie opslaan',
    'registration.busy': 'Bezig met opslaan…',
    'registration.saved': 'Registratie opgeslagen. Je kunt haar nog een dag aanpassen.',
    'registration.invalid': 'Controleer deze velden: {fields}',
    'registration.fieldError': 'Deze keuze wordt niet geaccepteerd.',
    'registration.notStored': 'Het gesprek wordt nog opgeslagen. Nieuwe poging…',
    'registration.open': 'Het gesprek loopt nog; registreren kan na het einde.',
    'registration.closed': 'Deze registratie kan niet meer worden gewijzigd.',
    'registration.notYours': 'Dit gesprek is niet door jou afgesloten.',
    'registration.notFound': 'Dit gesprek bestaat niet (meer).',
    'registration.failed': 'Opslaan lukt niet. Probeer het opnieuw.',
    'registration.taxonomyFailed': 'De vragenlijst kon niet worden geladen.',
    'registration.reload': 'Opnieuw laden',
    'pending.heading': 'Nog te registreren',
    'pending.empty': 'Alle gesprekken zijn geregistreerd.',
    'pending.item': 'Gestart {hour} · gewacht {waited} · duur {active}',
    'pending.register': 'Registreren',
    'pending.refresh': 'Vernieuwen',
    'pending.failed': 'De lijst kon niet worden geladen.',
    'error.generic': 'Er ging iets mis: {message}',
    'error.offer_not_found': 'Dit aanbod is niet meer geldig.',
    'error.not_your_conversation': 'Dit gesprek is niet (meer) aan jou toegewezen.',
    'error.conversation_ended': 'Het gesprek is al beëindigd.',
    'error.conversation_not_active': 'Het gesprek is niet meer actief.',
    'error.empty_message': 'Het bericht is leeg.',
    'error.message_too_long': 'Het bericht is te lang.',
    'error.transfer_pending': 'Er loopt al een overdracht.',
    'error.colleague_unavailable': 'Die collega is onbekend of heeft geen console open.',
    'error.colleague_full': 'Die collega heeft geen ruimte meer.',
    'error.queue_empty': 'Er wacht niemand die je kunt nemen.',
    'error.at_capacity': 'Je hebt al het maximale aantal gesprekken.',
    'error.store_unavailable': 'tijdelijke storing, wordt opnieuw geprobeerd',
    'error.internal_error': 'storing op de server',
    'error.csrf': 'Beveiligingstoken ontbrak; probeer het opnieuw.',
    'sound.test': 'Geluid is aan.',
  },
  en: {
    'app.title': 'Uitweg – counsellor console',
    'app.brand': 'Uitweg console',
    'skip.main': 'Skip to conversations',
    'login.heading': 'Sign in',
    'login.intro': 'Sign in with your counsellor account.',
    'login.username': 'Username',
    'login.password': 'Password',
    'login.submit': 'Sign in',
    'login.busy': 'Signing in…',
    'login.failed': 'Wrong username or password.',
    'login.error': 'Signing in does not work right now. Try again shortly.',
    'login.notCounsellor': 'This account has no counsellor role and cannot use the console.',
    'login.expired': 'Your session has expired. Sign in again; your drafts are kept.',
    'login.disabled': 'Your account has been disabled by a coordinator.',
    'login.passwordReset': 'A coordinator has changed your password. Sign in with the new one.',
    'login.signedOut': 'You have been signed out. Sign in again to continue.',
    'header.signedInAs': 'Signed in as {name}',
    'header.logout': 'Sign out',
    'header.language': 'Nederlands',
    'header.languageLabel': 'Naar Nederlands',
    'header.mute': 'Sound off',
    'header.pending': 'To register ({count})',
    'header.load': 'Conversations {load} of {capacity}',
    'availability.label': 'Available',
    'availability.available': 'You are available for new conversations.',
    'availability.away': 'You are away: you get no new conversations.',
    'availability.offline': 'Not connected.',
    'availability.lapsed': 'You were set to away because an offer was not accepted in time.',
    'connection.connecting': 'Connecting…',
    'connection.online': 'Connected',
    'connection.retry': 'Connection lost. Retrying in {seconds} s…',
    'connection.retryNow': 'Reconnect now',
    'queue.heading': 'Queue',
    'queue.waiting': '{count} waiting',
    'queue.waitingOne': '1 waiting',
    'queue.none': 'Nobody is waiting',
    'queue.longest': 'longest wait {time}',
    'queue.unknown': 'Not shown: you are away or full',
    'queue.takeNext': 'Take next',
    'queue.alert': 'Someone is waiting: {count} in the queue.',
    'offers.heading': 'Offers',
    'offer.new': 'New conversation offered. Waited {time}.',
    'offer.newHandover': 'Handover offered by {name}.',
    'offer.title': 'New conversation',
    'offer.handover': 'Handover from {name}',
    'offer.waited': 'Waited: {time}',
    'offer.expires': 'Lapses in {seconds} s',
    'offer.accept': 'Accept',
    'offer.decline': 'Decline',
    'offer.noIntake': 'No intake given',
    'offer.acute': 'Acute danger',
    'offer.withdrawn': 'Offer withdrawn: {reason}',
    'withdrawn.lapsed': 'not accepted in time',
    'withdrawn.declined': 'declined',
    'withdrawn.visitor_left': 'the visitor left',
    'withdrawn.visitor_abandoned': 'the visitor is no longer connected',
    'withdrawn.counsellor_lost': 'you were offline too long',
    'withdrawn.counsellor_ended': 'the conversation ended',
    'withdrawn.blocked': 'the visitor was blocked',
    'conversations.heading': 'Conversations',
    'conversations.empty': 'No open conversations. Set yourself available to receive them.',
    'conversation.title': 'Conversation {n}',
    'conversation.tabUnread': '{count} unread',
    'conversation.state.active': 'Active',
    'conversation.state.ended': 'Ended',
    'conversation.state.transferred': 'Handed over',
    'conversation.state.gone': 'No longer yours',
    'conversation.messages': 'Messages of conversation {n}',
    'conversation.newMessage': 'New message in conversation {n}: {text}',
    'conversation.visitorTyping': 'The visitor is typing…',
    'from.visitor': 'Visitor',
    'from.counsellor': 'Counsellor',
    'from.you': 'You',
    'from.system': 'Notice',
    'delivery.pending': 'sending…',
    'delivery.sent': 'sent',
    'delivery.failed': 'not sent: {reason}',
    'delivery.retry': 'Send again',
    'delivery.edit': 'Back to draft',
    'delivery.discard': 'Discard',
    'composer.label': 'Message',
    'composer.hint': 'Enter sends, Shift+Enter adds a new line.',
    'composer.send': 'Send',
    'composer.tooLong': 'A message is at most 2000 characters.',
    'canned.label': 'Canned response',
    'canned.choose': 'Choose a canned response…',
    'canned.insert': 'Insert',
    'actions.end': 'End conversation',
    'actions.transfer': 'Hand over',
    'actions.transferTo': 'Colleague username',
    'actions.transferColleague': 'To colleague',
    'actions.transferQueue': 'Back to the queue',
    'actions.block': 'Block',
    'actions.blockConfirmText': 'Blocking ends the conversation and refuses this visitor for 24 hours. Are you sure?',
    'actions.blockConfirm': 'Yes, block',
    'actions.cancel': 'Cancel',
    'actions.close': 'Close',
    'transfer.requested': 'Handover requested to {to}. You keep the conversation until they answer.',
    'transfer.requestedQueue': 'The conversation goes back to the queue.',
    'transfer.done': 'Handed over to {to}.',
    'transfer.doneQueue': 'Put back in the queue.',
    'transfer.declined': '{by} declined the handover. The conversation stays with you.',
    'transfer.lapsed': '{by} did not answer in time. The conversation stays with you.',
    'ended.counsellor_ended': 'You ended the conversation.',
    'ended.visitor_left': 'The visitor left the conversation.',
    'ended.visitor_abandoned': 'The visitor did not come back.',
    'ended.blocked': 'The visitor was blocked.',
    'ended.expired': 'The conversation was ended automatically: it had been open too long.',
    'ended.other': 'The conversation has ended.',
    'ended.announce': 'Conversation {n} has ended: {reason}',
    'event.assigned': 'Conversation taken by a counsellor',
    'event.requeued': 'Back in the queue',
    'gone.text': 'This conversation is no longer assigned to you.',
    'registration.heading': 'Contact registration',
    'registration.intro': 'Codes only, no names or free text. Every question is optional.',
    'registration.notAnswered': 'Not answered',
    'registration.submit': 'Save registration',
    'registration.busy': 'Saving…',
    'registration.saved': 'Registration saved. You can change it for another day.',
    'registration.invalid': 'Check these fields: {fields}',
    'registration.fieldError': 'This answer is not accepted.',
    'registration.notStored': 'The conversation is still being stored. Trying again…',
    'registration.open': 'The conversation is still open; register it after the end.',
    'registration.closed': 'This registration can no longer be changed.',
    'registration.notYours': 'You did not end this conversation.',
    'registration.notFound': 'This conversation does not exist (any more).',
    'registration.failed': 'Saving failed. Try again.',
    'registration.taxonomyFailed': 'The questions could not be loaded.',
    'registration.reload': 'Load again',
    'pending.heading': 'Still to register',
    'pending.empty': 'Every conversation is registered.',
    'pending.item': 'Started {hour} · waited {waited} · lasted {active}',
    'pending.register': 'Register',
    'pending.refresh': 'Refresh',
    'pending.failed': 'The list could not be loaded.',
    'error.generic': 'Something went wrong: {message}',
    'error.offer_not_found': 'This offer is no longer valid.',
    'error.not_your_conversation': 'This conversation is not (or no longer) assigned to you.',
    'error.conversation_ended': 'The conversation has already ended.',
    'error.conversation_not_active': 'The conversation is no longer active.',
    'error.empty_message': 'The message is empty.',
    'error.message_too_long': 'The message is too long.',
    'error.transfer_pending': 'A handover is already waiting for an answer.',
    'error.colleague_unavailable': 'That colleague is unknown or has no console open.',
    'error.colleague_full': 'That colleague has no room left.',
    'error.queue_empty': 'Nobody is waiting whom you may take.',
    'error.at_capacity': 'You already have your maximum number of conversations.',
    'error.store_unavailable': 'temporary failure, retrying',
    'error.internal_error': 'server failure',
    'error.csrf': 'Security token was missing; try again.',
    'sound.test': 'Sound is on.',
  },
};

const LANGS = ['nl', 'en'];
const LANG_KEY = 'uitweg.console.lang';
let lang = readLang();
const listeners = [];

function readLang() {
  try {
    const stored = localStorage.getItem(LANG_KEY);
    return LANGS.includes(stored) ? stored : 'nl';
  } catch {
    return 'nl';
  }
}

/** The locale for dates and times in the current language. */
export function locale() {
  return lang === 'en' ? 'en-GB' : 'nl-NL';
}

export function getLang() {
  return lang;
}

export function setLang(next) {
  if (!LANGS.includes(next) || next === lang) return;
  lang = next;
  try {
    localStorage.setItem(LANG_KEY, next);
  } catch {
    // private mode: the choice lasts for this page only
  }
  document.documentElement.lang = next;
  applyTexts(document);
  listeners.forEach((listener) => listener(next));
}

export function onLangChange(listener) {
  listeners.push(listener);
}

/** The text for key in the current language, with {name} placeholders filled in. */
export function t(key, params = {}) {
  const text = TEXTS[lang][key] ?? TEXTS.nl[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

/** A server label object {nl, en} in the current language. */
export function pick(labels, fallback = '') {
  if (!labels) return fallback;
  return labels[lang] ?? labels.nl ?? fallback;
}

/**
 * Fills every element marked data-i18n (text) or data-i18n-<attr> (attribute) and
 * every element carrying server labels in data-label-nl / data-label-en.
 */
export function applyTexts(root) {
  root.querySelectorAll('[data-i18n]').forEach((el) => {
    el.textContent = t(el.dataset.i18n);
  });
  for (const attr of ['aria-label', 'title', 'placeholder']) {
    const data = `data-i18n-${attr}`;
    root.querySelectorAll(`[${data}]`).forEach((el) => el.setAttribute(attr, t(el.getAttribute(data))));
  }
  root.querySelectorAll('[data-label-nl]').forEach((el) => {
    el.textContent = lang === 'en' ? el.dataset.labelEn : el.dataset.labelNl;
  });
  if (root === document) document.title = t('app.title');
}
