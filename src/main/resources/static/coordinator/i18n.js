// Texts of the coordinator dashboard, Dutch first, English as the switch.
// Static markup carries data-i18n="key" (text) or data-i18n-attr="attr:key,attr:key".

const TEXTS = {
  nl: {
    'app.title': 'Uitweg – coördinatie',
    'app.sub': 'coördinatie',
    'skip': 'Naar de inhoud',
    'lang.switch': 'English',
    'lang.switch.label': 'Switch to English',
    'logout': 'Uitloggen',
    'signed.in.as': 'Ingelogd als {name}',
    'nav.label': 'Onderdelen',
    'nav.live': 'Live',
    'nav.demand': 'Vraag',
    'nav.registrations': 'Registraties',
    'nav.feedback': 'Feedback en campagnes',
    'nav.staffing': 'Bezetting',
    'nav.staff': 'Medewerkers',
    'nav.campaigns': 'Campagnecodes',
    'nav.waiting.badge': '{n} wachtend',

    'login.title': 'Inloggen voor coördinatoren',
    'login.username': 'Gebruikersnaam',
    'login.password': 'Wachtwoord',
    'login.submit': 'Inloggen',
    'login.busy': 'Bezig met inloggen…',
    'login.invalid': 'Gebruikersnaam of wachtwoord klopt niet, of het account is uitgeschakeld.',
    'login.not.coordinator': 'Dit account heeft geen coördinatorrol. Log in met een coördinatoraccount.',
    'login.failed': 'Inloggen lukte niet. Probeer het opnieuw.',

    'live.title': 'Live',
    'live.connecting': 'Verbinden…',
    'live.connected': 'Verbonden',
    'live.updated': 'bijgewerkt om {time}',
    'live.lost': 'Verbinding verbroken, opnieuw verbinden…',
    'live.waiting': 'Wachtend',
    'live.waiting.acute': 'acuut',
    'live.waiting.returning': 'terug in de rij',
    'live.waiting.normal': 'gewoon',
    'live.waiting.offered': 'aangeboden, nog niet aangenomen',
    'live.longest': 'Langste wachttijd',
    'live.counsellors': 'Hulpverleners',
    'live.available': 'beschikbaar',
    'live.busy': 'vol',
    'live.away': 'afwezig',
    'live.free': 'Vrije plekken',
    'live.free.hint': 'gesprekken die de beschikbare hulpverleners nog kunnen aannemen',
    'live.active': 'Lopende gesprekken',
    'live.last15': 'Laatste 15 minuten',
    'live.lastHour': 'Laatste uur',
    'live.arrivals': 'binnengekomen',
    'live.answered': 'beantwoord',
    'live.abandoned': 'afgehaakt',
    'live.serviceLevel': 'binnen {s} s beantwoord',
    'live.median': 'mediane wachttijd',
    'live.none': '–',
    'live.alert': 'Er wacht iemand en er is geen hulpverlener beschikbaar.',
    'live.announce': '{waiting} wachtend, langste wachttijd {longest}, {available} hulpverleners beschikbaar.',
    'live.announce.label': 'Samenvatting voor schermlezers',

    'range.legend': 'Periode',
    'range.from': 'Van',
    'range.to': 'Tot en met',
    'range.apply': 'Toon',
    'range.invalid': 'Kies een geldige periode: "tot en met" niet vóór "van", hoogstens 1830 dagen.',

    'demand.title': 'Vraag',
    'demand.by': 'Per',
    'by.week': 'week',
    'by.month': 'maand',
    'by.quarter': 'kwartaal',
    'demand.perPeriod': 'Gesprekken per {by}',
    'demand.perHour': 'Gesprekken per uur van de week (opgeteld over de periode)',
    'demand.contacts': 'Gesprekken',
    'demand.answered': 'Beantwoord',
    'demand.abandoned': 'Afgehaakt',
    'demand.waitP50': 'Wachttijd mediaan',
    'demand.waitP90': 'Wachttijd 90%',
    'demand.lengthP50': 'Duur mediaan',
    'demand.serviceLevel': 'Binnen {s} s beantwoord',
    'demand.total': 'Totaal in de periode',
    'demand.period': 'Periode',
    'demand.hour': 'Uur',
    'demand.day': 'Dag',
    'demand.asTable': 'Toon de cijfers als tabel',
    'demand.chart.label': 'Lijngrafiek van gesprekken, beantwoord en afgehaakt {what}. De cijfers staan ook in de tabel eronder.',
    'demand.hidden.title': 'Verborgen (minder dan {k}, of terug te rekenen)',
    'demand.hidden.none': 'Geen verborgen waarden.',
    'demand.gaps': 'Verborgen waarden zijn gaten in de lijnen.',
    'demand.noChart': 'De grafiek kon niet worden geladen; de cijfers staan in de tabel.',

    'suppressed.short': 'verborgen',
    'suppressed.explain': 'Verborgen om te voorkomen dat iemand herkenbaar wordt: aantallen van 1 tot en met {k1} worden nooit getoond (k = {k}), en soms worden ook andere cellen verborgen zodat ze niet uit totalen of andere tabellen zijn terug te rekenen. Een 0 wordt wel getoond.',
    'withheld': 'Deze tabel wordt niet getoond: elke cel zou iets onthullen dat andere tabellen van deze periode verbergen.',

    'csv': 'Download als CSV',
    'csv.of': 'CSV: {what}',

    'reg.title': 'Registraties',
    'reg.total': '{n} geregistreerde gesprekken in de periode',
    'reg.answered': 'Beantwoord: {n}',
    'reg.answered.row': 'Beantwoord (totaal)',
    'reg.multi': 'Meerdere antwoorden mogelijk: percentages tellen op tot meer dan 100.',
    'reg.code': 'Antwoord',
    'reg.count': 'Aantal',
    'reg.percent': 'Percentage',
    'reg.percent.note': 'Percentage van de registraties die deze vraag beantwoordden.',
    'crosstab.title': 'Kruistabel',
    'crosstab.rows': 'Rijen',
    'crosstab.columns': 'Kolommen',
    'crosstab.show': 'Toon kruistabel',
    'crosstab.hint': 'Registraties die beide vragen beantwoordden.',
    'total': 'Totaal',

    'feedback.title': 'Feedback van bezoekers',
    'feedback.question': '"Heeft dit gesprek je geholpen?"',
    'feedback.YES': 'Ja',
    'feedback.PARTLY': 'Een beetje',
    'feedback.NO': 'Nee',
    'feedback.total': 'Totaal',
    'feedback.by': 'Per',
    'feedback.byAnswer': 'Feedback per antwoord van de registratie',
    'feedback.field': 'Vraag',
    'campaignStats.title': 'Campagnes',
    'campaignStats.code': 'Campagne',
    'campaignStats.contacts': 'Gesprekken',
    'campaignStats.answered': 'Beantwoord',
    'campaignStats.registered': 'Geregistreerd',
    'campaign.DIRECT': 'Direct (zonder campagne)',

    'staffing.title': 'Bezettingsadvies',
    'staffing.intro': 'Per uur van de week: hoeveel hulpverleners nodig zijn (Erlang C, op basis van de laatste volle weken) naast het gemiddelde aantal dat echt beschikbaar was.',
    'staffing.weeks': 'Weken terug',
    'staffing.target': 'Doel: percentage op tijd beantwoord',
    'staffing.within': 'Op tijd is binnen (seconden)',
    'staffing.capacity': 'Gesprekken per hulpverlener tegelijk',
    'staffing.apply': 'Bereken',
    'staffing.day': 'Dag',
    'staffing.allDays': 'Alle dagen',
    'staffing.onlyShort': 'Alleen uren met tekort',
    'staffing.hour': 'Uur',
    'staffing.arrivals': 'Gesprekken per uur',
    'staffing.handling': 'Gemiddelde duur',
    'staffing.needed': 'Nodig',
    'staffing.available': 'Beschikbaar (gem.)',
    'staffing.gap': 'Verschil',
    'staffing.sl': 'Verwacht op tijd',
    'staffing.asa': 'Gem. wachttijd',
    'staffing.short': 'tekort',
    'staffing.grid': 'De week in één oogopslag: nodig / beschikbaar',
    'staffing.grid.hint': 'Per uur: hulpverleners nodig volgens het advies / gemiddeld echt beschikbaar (– is niet gemeten). Rood: tekort.',
    'staffing.detail': 'Details per uur',
    'staffing.notSampled': 'niet gemeten',
    'staffing.basis': 'Gebaseerd op {from} tot {to} ({weeks} weken), tijdzone {zone}.',

    'staff.title': 'Medewerkers',
    'staff.username': 'Gebruikersnaam',
    'staff.displayName': 'Naam voor bezoekers',
    'staff.capacity': 'Capaciteit',
    'staff.status': 'Status',
    'staff.actions': 'Acties',
    'staff.enabled': 'actief',
    'staff.disabled': 'uitgeschakeld',
    'staff.save': 'Opslaan',
    'staff.disable': 'Uitschakelen',
    'staff.enable': 'Inschakelen',
    'staff.resetPassword': 'Nieuw wachtwoord',
    'staff.newPassword': 'Nieuw wachtwoord voor {name}',
    'staff.setPassword': 'Wachtwoord instellen',
    'staff.cancel': 'Annuleren',
    'staff.create': 'Hulpverlener toevoegen',
    'staff.password': 'Wachtwoord',
    'staff.none': 'Nog geen hulpverleners.',
    'staff.saved': '{name} is opgeslagen.',
    'staff.created': '{name} is toegevoegd.',
    'staff.passwordSet': 'Het wachtwoord van {name} is gewijzigd.',
    'staff.disabledMsg': '{name} is uitgeschakeld: inloggen kan niet meer, open vensters blijven open.',
    'staff.enabledMsg': '{name} is weer ingeschakeld.',
    'staff.confirmDisable': '{name} uitschakelen? Deze persoon kan dan niet meer inloggen.',
    'staff.hint.username': '2 tot 32 tekens: kleine letters, cijfers, punt, streepje of liggend streepje.',
    'staff.hint.password': '8 tot 200 tekens.',
    'staff.hint.capacity': 'Gesprekken tegelijk, 1 tot en met 6. Leeg: de standaard (3).',
    'staff.edit.label': '{field} van {name}',

    'campaigns.title': 'Campagnecodes',
    'campaigns.intro': 'Een campagnecode in een link (bijvoorbeeld ?campaign=TIKTOK-2026) telt mee in de statistieken. Codes worden nooit hergebruikt.',
    'campaigns.code': 'Code',
    'campaigns.label': 'Omschrijving',
    'campaigns.created': 'Aangemaakt',
    'campaigns.retired': 'Gestopt',
    'campaigns.live': 'loopt',
    'campaigns.retire': 'Stoppen',
    'campaigns.confirmRetire': 'Campagne {code} stoppen? Dit kan niet ongedaan worden gemaakt; de code wordt nooit opnieuw gebruikt.',
    'campaigns.create': 'Campagne aanmaken',
    'campaigns.none': 'Nog geen campagnes.',
    'campaigns.created.msg': 'Campagne {code} is aangemaakt.',
    'campaigns.retired.msg': 'Campagne {code} is gestopt.',
    'campaigns.hint.code': '2 tot 32 tekens: A–Z, 0–9, _ en -. DIRECT en UNKNOWN zijn gereserveerd.',
    'campaigns.hint.label': 'Verplicht, hoogstens 80 tekens.',

    'loading': 'Laden…',
    'error.generic': 'Er ging iets mis ({code}). Probeer het opnieuw.',
    'error.network': 'De server is niet bereikbaar. Probeer het opnieuw.',
    'error.unauthenticated': 'Je bent niet meer ingelogd. Log opnieuw in.',
    'error.forbidden': 'Dit mag alleen een coördinator.',
    'error.csrf_invalid': 'De beveiligingssleutel is verlopen. Laad de pagina opnieuw.',
    'error.username_taken': 'Deze gebruikersnaam bestaat al.',
    'error.campaign_exists': 'Deze code bestaat al (ook gestopte codes worden niet hergebruikt).',
    'error.staff_not_found': 'Deze medewerker bestaat niet (meer).',
    'error.campaign_not_found': 'Deze campagne bestaat niet.',
    'error.invalid_request': 'Controleer de gemarkeerde velden.',
    'error.malformed_request': 'Een waarde kon niet worden gelezen. Controleer de velden.',
    'error.field': 'Deze waarde klopt niet.',
    'error.field.username': '2 tot 32 tekens: kleine letters, cijfers, punt, streepje of liggend streepje.',
    'error.field.password': 'Gebruik 8 tot 200 tekens.',
    'error.field.displayName': 'Vul een naam in van hoogstens 40 tekens.',
    'error.field.capacity': 'Kies 1 tot en met 6.',
    'error.field.code': 'Gebruik 2 tot 32 tekens A–Z, 0–9, _ of -; niet DIRECT of UNKNOWN.',
    'error.field.label': 'Vul een omschrijving in van hoogstens 80 tekens.',
    'error.field.from': 'Kies een geldige begindatum.',
    'error.field.to': 'Kies een einddatum op of na de begindatum, hoogstens 1830 dagen later.',
    'error.field.weeks': 'Kies 1 tot en met 52 weken.',
    'error.field.target': 'Kies een percentage boven 0 en onder 100.',
    'error.field.answerWithinSeconds': 'Kies 0 tot en met 3600 seconden.',

    'day.MONDAY': 'maandag', 'day.TUESDAY': 'dinsdag', 'day.WEDNESDAY': 'woensdag', 'day.THURSDAY': 'donderdag',
    'day.FRIDAY': 'vrijdag', 'day.SATURDAY': 'zaterdag', 'day.SUNDAY': 'zondag',
    'dayShort.MONDAY': 'ma', 'dayShort.TUESDAY': 'di', 'dayShort.WEDNESDAY': 'wo', 'dayShort.THURSDAY': 'do',
    'dayShort.FRIDAY': 'vr', 'dayShort.SATURDAY': 'za', 'dayShort.SUNDAY': 'zo',
  },
  en: {
    'app.title': 'Uitweg – coordination',
    'app.sub': 'coordination',
    'skip': 'Skip to content',
    'lang.switch': 'Nederlands',
    'lang.switch.label': 'Overschakelen naar Nederlands',
    'logout': 'Sign out',
    'signed.in.as': 'Signed in as {name}',
    'nav.label': 'Sections',
    'nav.live': 'Live',
    'nav.demand': 'Demand',
    'nav.registrations': 'Registrations',
    'nav.feedback': 'Feedback and campaigns',
    'nav.staffing': 'Staffing',
    'nav.staff': 'Staff',
    'nav.campaigns': 'Campaign codes',
    'nav.waiting.badge': '{n} waiting',

    'login.title': 'Sign in for coordinators',
    'login.username': 'Username',
    'login.password': 'Password',
    'login.submit': 'Sign in',
    'login.busy': 'Signing in…',
    'login.invalid': 'Wrong username or password, or the account is disabled.',
    'login.not.coordinator': 'This account does not have the coordinator role. Sign in with a coordinator account.',
    'login.failed': 'Signing in failed. Please try again.',

    'live.title': 'Live',
    'live.connecting': 'Connecting…',
    'live.connected': 'Connected',
    'live.updated': 'updated at {time}',
    'live.lost': 'Connection lost, reconnecting…',
    'live.waiting': 'Waiting',
    'live.waiting.acute': 'acute',
    'live.waiting.returning': 'back in the queue',
    'live.waiting.normal': 'normal',
    'live.waiting.offered': 'offered, not yet accepted',
    'live.longest': 'Longest wait',
    'live.counsellors': 'Counsellors',
    'live.available': 'available',
    'live.busy': 'full',
    'live.away': 'away',
    'live.free': 'Free places',
    'live.free.hint': 'conversations the available counsellors can still take',
    'live.active': 'Active conversations',
    'live.last15': 'Last 15 minutes',
    'live.lastHour': 'Last hour',
    'live.arrivals': 'arrived',
    'live.answered': 'answered',
    'live.abandoned': 'abandoned',
    'live.serviceLevel': 'answered within {s} s',
    'live.median': 'median wait',
    'live.none': '–',
    'live.alert': 'Someone is waiting and no counsellor is available.',
    'live.announce': '{waiting} waiting, longest wait {longest}, {available} counsellors available.',
    'live.announce.label': 'Summary for screen readers',

    'range.legend': 'Period',
    'range.from': 'From',
    'range.to': 'To (inclusive)',
    'range.apply': 'Show',
    'range.invalid': 'Choose a valid period: "to" not before "from", at most 1830 days.',

    'demand.title': 'Demand',
    'demand.by': 'Per',
    'by.week': 'week',
    'by.month': 'month',
    'by.quarter': 'quarter',
    'demand.perPeriod': 'Conversations per {by}',
    'demand.perHour': 'Conversations per hour of the week (summed over the period)',
    'demand.contacts': 'Conversations',
    'demand.answered': 'Answered',
    'demand.abandoned': 'Abandoned',
    'demand.waitP50': 'Median wait',
    'demand.waitP90': '90th percentile wait',
    'demand.lengthP50': 'Median length',
    'demand.serviceLevel': 'Answered within {s} s',
    'demand.total': 'Total in the period',
    'demand.period': 'Period',
    'demand.hour': 'Hour',
    'demand.day': 'Day',
    'demand.asTable': 'Show the figures as a table',
    'demand.chart.label': 'Line chart of conversations, answered and abandoned {what}. The figures are also in the table below.',
    'demand.hidden.title': 'Hidden (fewer than {k}, or could be worked out)',
    'demand.hidden.none': 'No hidden values.',
    'demand.gaps': 'Hidden values are gaps in the lines.',
    'demand.noChart': 'The chart could not be loaded; the figures are in the table.',

    'suppressed.short': 'hidden',
    'suppressed.explain': 'Hidden so that nobody can be recognised: counts from 1 to {k1} are never shown (k = {k}), and some other cells are hidden too so they cannot be worked out from totals or other tables. A 0 is shown.',
    'withheld': 'This table is withheld: every cell would reveal something the other tables of this period hide.',

    'csv': 'Download as CSV',
    'csv.of': 'CSV: {what}',

    'reg.title': 'Registrations',
    'reg.total': '{n} registered conversations in the period',
    'reg.answered': 'Answered: {n}',
    'reg.answered.row': 'Answered (total)',
    'reg.multi': 'Several answers possible: percentages add up to more than 100.',
    'reg.code': 'Answer',
    'reg.count': 'Count',
    'reg.percent': 'Percentage',
    'reg.percent.note': 'Percentage of the registrations that answered this question.',
    'crosstab.title': 'Cross-tabulation',
    'crosstab.rows': 'Rows',
    'crosstab.columns': 'Columns',
    'crosstab.show': 'Show cross-tabulation',
    'crosstab.hint': 'Registrations that answered both questions.',
    'total': 'Total',

    'feedback.title': 'Visitor feedback',
    'feedback.question': '"Did this conversation help you?"',
    'feedback.YES': 'Yes',
    'feedback.PARTLY': 'Partly',
    'feedback.NO': 'No',
    'feedback.total': 'Total',
    'feedback.by': 'Per',
    'feedback.byAnswer': 'Feedback by registration answer',
    'feedback.field': 'Question',
    'campaignStats.title': 'Campaigns',
    'campaignStats.code': 'Campaign',
    'campaignStats.contacts': 'Conversations',
    'campaignStats.answered': 'Answered',
    'campaignStats.registered': 'Registered',
    'campaign.DIRECT': 'Direct (no campaign)',

    'staffing.title': 'Staffing advice',
    'staffing.intro': 'Per hour of the week: how many counsellors are needed (Erlang C, from the last full weeks) beside the mean number actually available.',
    'staffing.weeks': 'Weeks back',
    'staffing.target': 'Target: percentage answered in time',
    'staffing.within': 'In time means within (seconds)',
    'staffing.capacity': 'Conversations per counsellor at once',
    'staffing.apply': 'Calculate',
    'staffing.day': 'Day',
    'staffing.allDays': 'All days',
    'staffing.onlyShort': 'Only hours that fall short',
    'staffing.hour': 'Hour',
    'staffing.arrivals': 'Conversations per hour',
    'staffing.handling': 'Mean length',
    'staffing.needed': 'Needed',
    'staffing.available': 'Available (mean)',
    'staffing.gap': 'Difference',
    'staffing.sl': 'Expected in time',
    'staffing.asa': 'Mean wait',
    'staffing.short': 'short',
    'staffing.grid': 'The week at a glance: needed / available',
    'staffing.grid.hint': 'Per hour: counsellors needed by the advice / mean actually available (– is not measured). Red: short.',
    'staffing.detail': 'Details per hour',
    'staffing.notSampled': 'not measured',
    'staffing.basis': 'Based on {from} to {to} ({weeks} weeks), time zone {zone}.',

    'staff.title': 'Staff',
    'staff.username': 'Username',
    'staff.displayName': 'Name shown to visitors',
    'staff.capacity': 'Capacity',
    'staff.status': 'Status',
    'staff.actions': 'Actions',
    'staff.enabled': 'active',
    'staff.disabled': 'disabled',
    'staff.save': 'Save',
    'staff.disable': 'Disable',
    'staff.enable': 'Enable',
    'staff.resetPassword': 'New password',
    'staff.newPassword': 'New password for {name}',
    'staff.setPassword': 'Set password',
    'staff.cancel': 'Cancel',
    'staff.create': 'Add counsellor',
    'staff.password': 'Password',
    'staff.none': 'No counsellors yet.',
    'staff.saved': '{name} has been saved.',
    'staff.created': '{name} has been added.',
    'staff.passwordSet': 'The password of {name} has been changed.',
    'staff.disabledMsg': '{name} is disabled: signing in no longer works, open windows stay open.',
    'staff.enabledMsg': '{name} is enabled again.',
    'staff.confirmDisable': 'Disable {name}? This person can then no longer sign in.',
    'staff.hint.username': '2 to 32 characters: lower-case letters, digits, dot, hyphen or underscore.',
    'staff.hint.password': '8 to 200 characters.',
    'staff.hint.capacity': 'Conversations at once, 1 to 6. Empty: the default (3).',
    'staff.edit.label': '{field} of {name}',

    'campaigns.title': 'Campaign codes',
    'campaigns.intro': 'A campaign code in a link (for example ?campaign=TIKTOK-2026) is counted in the statistics. Codes are never reused.',
    'campaigns.code': 'Code',
    'campaigns.label': 'Description',
    'campaigns.created': 'Created',
    'campaigns.retired': 'Retired',
    'campaigns.live': 'running',
    'campaigns.retire': 'Retire',
    'campaigns.confirmRetire': 'Retire campaign {code}? This cannot be undone; the code is never used again.',
    'campaigns.create': 'Create campaign',
    'campaigns.none': 'No campaigns yet.',
    'campaigns.created.msg': 'Campaign {code} has been created.',
    'campaigns.retired.msg': 'Campaign {code} has been retired.',
    'campaigns.hint.code': '2 to 32 characters: A–Z, 0–9, _ and -. DIRECT and UNKNOWN are reserved.',
    'campaigns.hint.label': 'Required, at most 80 characters.',

    'loading': 'Loading…',
    'error.generic': 'Something went wrong ({code}). Please try again.',
    'error.network': 'The server cannot be reached. Please try again.',
    'error.unauthenticated': 'You are no longer signed in. Please sign in again.',
    'error.forbidden': 'Only a coordinator may do this.',
    'error.csrf_invalid': 'The security token has expired. Reload the page.',
    'error.username_taken': 'This username already exists.',
    'error.campaign_exists': 'This code already exists (retired codes are not reused either).',
    'error.staff_not_found': 'This staff member does not exist (any more).',
    'error.campaign_not_found': 'This campaign does not exist.',
    'error.invalid_request': 'Check the marked fields.',
    'error.malformed_request': 'A value could not be read. Check the fields.',
    'error.field': 'This value is not valid.',
    'error.field.username': '2 to 32 characters: lower-case letters, digits, dot, hyphen or underscore.',
    'error.field.password': 'Use 8 to 200 characters.',
    'error.field.displayName': 'Enter a name of at most 40 characters.',
    'error.field.capacity': 'Choose 1 to 6.',
    'error.field.code': 'Use 2 to 32 characters A–Z, 0–9, _ or -; not DIRECT or UNKNOWN.',
    'error.field.label': 'Enter a description of at most 80 characters.',
    'error.field.from': 'Choose a valid start date.',
    'error.field.to': 'Choose an end date on or after the start date, at most 1830 days later.',
    'error.field.weeks': 'Choose 1 to 52 weeks.',
    'error.field.target': 'Choose a percentage above 0 and below 100.',
    'error.field.answerWithinSeconds': 'Choose 0 to 3600 seconds.',

    'day.MONDAY': 'Monday', 'day.TUESDAY': 'Tuesday', 'day.WEDNESDAY': 'Wednesday', 'day.THURSDAY': 'Thursday',
    'day.FRIDAY': 'Friday', 'day.SATURDAY': 'Saturday', 'day.SUNDAY': 'Sunday',
    'dayShort.MONDAY': 'Mon', 'dayShort.TUESDAY': 'Tue', 'dayShort.WEDNESDAY': 'Wed', 'dayShort.THURSDAY': 'Thu',
    'dayShort.FRIDAY': 'Fri', 'dayShort.SATURDAY': 'Sat', 'dayShort.SUNDAY': 'Sun',
  },
};

export const DAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];

let lang = pickLanguage();

function pickLanguage() {
  try {
    const saved = localStorage.getItem('uitweg.coordinator.lang');
    if (saved === 'nl' || saved === 'en') return saved;
  } catch (e) {
    // storage may be unavailable; Dutch is the default
  }
  return 'nl';
}

export function language() {
  return lang;
}

export function t(key, params) {
  let text = TEXTS[lang][key] ?? TEXTS.nl[key] ?? key;
  if (params) {
    text = text.replace(/\{(\w+)\}/g, (m, name) => (params[name] ?? m));
  }
  return text;
}

export function has(key) {
  return key in TEXTS[lang];
}

export function setLanguage(next) {
  lang = next === 'en' ? 'en' : 'nl';
  try {
    localStorage.setItem('uitweg.coordinator.lang', lang);
  } catch (e) {
    // not kept; fine
  }
  applyStatic();
  document.dispatchEvent(new CustomEvent('uitweg:language'));
}

/** Fills every element marked with data-i18n / data-i18n-attr. */
export function applyStatic(root = document) {
  document.documentElement.lang = lang;
  document.title = t('app.title');
  for (const el of root.querySelectorAll('[data-i18n]')) {
    el.textContent = t(el.dataset.i18n);
  }
  for (const el of root.querySelectorAll('[data-i18n-attr]')) {
    for (const pair of el.dataset.i18nAttr.split(',')) {
      const [attr, key] = pair.split(':');
      el.setAttribute(attr.trim(), t(key.trim()));
    }
  }
}

// Number and time formats in the chosen language.
const locale = () => (lang === 'en' ? 'en-GB' : 'nl-NL');

export function fmtNumber(n, digits) {
  return new Intl.NumberFormat(locale(), {maximumFractionDigits: digits ?? 1}).format(n);
}

export function fmtPercent(share, digits = 0) {
  return new Intl.NumberFormat(locale(), {style: 'percent', maximumFractionDigits: digits}).format(share);
}

/** 47.9 (already a percentage) → "47,9%". */
export function fmtPercentValue(p) {
  return new Intl.NumberFormat(locale(), {minimumFractionDigits: 1, maximumFractionDigits: 1}).format(p) + '%';
}

/** Seconds → "m:ss", or "h:mm:ss" from an hour. */
export function fmtDuration(seconds) {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return t('live.none');
  const s = Math.round(seconds);
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const secs = String(s % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${secs}` : `${minutes}:${secs}`;
}

export function fmtTime(date) {
  return new Intl.DateTimeFormat(locale(), {hour: '2-digit', minute: '2-digit', second: '2-digit'}).format(date);
}

export function fmtDateTime(iso) {
  if (!iso) return '';
  return new Intl.DateTimeFormat(locale(), {dateStyle: 'medium', timeStyle: 'short'}).format(new Date(iso));
}

export function fmtDate(iso) {
  if (!iso) return '';
  return new Intl.DateTimeFormat(locale(), {dateStyle: 'medium'}).format(new Date(iso));
}
