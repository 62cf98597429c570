// Relais référent console: queue of requests, case view, internal notes and audit log.
// Plain DOM, no framework, no build step. Every piece of data is written with textContent, never innerHTML.
(function () {
  'use strict';

  const API = '/console/api';
  const BASE_TITLE = 'Relais – console des référents';
  const TICK_MS = 30000;
  const TYPING_SHOW_MS = 4000;
  const TYPING_POST_MS = 3000;
  const POLL_WHEN_OFFLINE_MS = 60000;
  const CONFLICT = "Quelqu'un d'autre a déjà pris cette demande.";
  const EXPIRED = 'Ta session a expiré. Reconnecte-toi.';

  const STATUS = { open: 'En attente', assigned: 'Prise en charge', released: 'Rendue au bot', closed: 'Clôturée' };
  const CATEGORY = {
    suicide: 'idées suicidaires',
    self_harm: 'automutilation',
    violence: 'violences',
    no_shelter: 'sans hébergement',
    medical: 'urgence médicale',
    child_danger: 'enfant ou jeune en danger',
  };
  const SITUATION = { in_care: "Encore à l'ASE", cjm: 'En contrat jeune majeur', left_care: "A quitté l'ASE" };
  const ACTION = {
    login: 'Connexion',
    login_failed: 'Échec de connexion',
    view: 'Consultation',
    take: 'Prise en charge',
    message: 'Message envoyé',
    note: 'Note interne ajoutée',
    hand_back: 'Main rendue au bot',
    close: 'Clôture',
    assign: 'Attribution',
    logout: 'Déconnexion',
    password: 'Changement de mot de passe',
  };
  const DEPARTEMENTS = {
    '01': 'Ain', '02': 'Aisne', '03': 'Allier', '04': 'Alpes-de-Haute-Provence', '05': 'Hautes-Alpes', '06': 'Alpes-Maritimes',
    '07': 'Ardèche', '08': 'Ardennes', '09': 'Ariège', '10': 'Aube', '11': 'Aude', '12': 'Aveyron', '13': 'Bouches-du-Rhône',
    '14': 'Calvados', '15': 'Cantal', '16': 'Charente', '17': 'Charente-Maritime', '18': 'Cher', '19': 'Corrèze', '2A': 'Corse-du-Sud',
    '2B': 'Haute-Corse', '21': "Côte-d'Or", '22': "Côtes-d'Armor", '23': 'Creuse', '24': 'Dordogne', '25': 'Doubs', '26': 'Drôme',
    '27': 'Eure', '28': 'Eure-et-Loir', '29': 'Finistère', '30': 'Gard', '31': 'Haute-Garonne', '32': 'Gers', '33': 'Gironde',
    '34': 'Hérault', '35': 'Ille-et-Vilaine', '36': 'Indre', '37': 'Indre-et-Loire', '38': 'Isère', '39': 'Jura', '40': 'Landes',
    '41': 'Loir-et-Cher', '42': 'Loire', '43': 'Haute-Loire', '44': 'Loire-Atlantique', '45': 'Loiret', '46': 'Lot',
    '47': 'Lot-et-Garonne', '48': 'Lozère', '49': 'Maine-et-Loire', '50': 'Manche', '51': 'Marne', '52': 'Haute-Marne',
    '53': 'Mayenne', '54': 'Meurthe-et-Moselle', '55': 'Meuse', '56': 'Morbihan', '57': 'Moselle', '58': 'Nièvre', '59': 'Nord',
    '60': 'Oise', '61': 'Orne', '62': 'Pas-de-Calais', '63': 'Puy-de-Dôme', '64': 'Pyrénées-Atlantiques', '65': 'Hautes-Pyrénées',
    '66': 'Pyrénées-Orientales', '67': 'Bas-Rhin', '68': 'Haut-Rhin', '69': 'Rhône', '70': 'Haute-Saône', '71': 'Saône-et-Loire',
    '72': 'Sarthe', '73': 'Savoie', '74': 'Haute-Savoie', '75': 'Paris', '76': 'Seine-Maritime', '77': 'Seine-et-Marne',
    '78': 'Yvelines', '79': 'Deux-Sèvres', '80': 'Somme', '81': 'Tarn', '82': 'Tarn-et-Garonne', '83': 'Var', '84': 'Vaucluse',
    '85': 'Vendée', '86': 'Vienne', '87': 'Haute-Vienne', '88': 'Vosges', '89': 'Yonne', '90': 'Territoire de Belfort',
    '91': 'Essonne', '92': 'Hauts-de-Seine', '93': 'Seine-Saint-Denis', '94': 'Val-de-Marne', '95': "Val-d'Oise",
    '971': 'Guadeloupe', '972': 'Martinique', '973': 'Guyane', '974': 'La Réunion', '976': 'Mayotte',
  };

  const timeFormat = new Intl.DateTimeFormat('fr-FR', { hour: '2-digit', minute: '2-digit' });
  const dayFormat = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'short' });
  const fullFormat = new Intl.DateTimeFormat('fr-FR', { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' });

  const state = {
    view: 'boot',
    tab: 'queue',
    csrf: null,
    me: null,
    filterStatus: 'active',
    filterDep: '',
    cases: [],
    casesFetchedAt: 0,
    queueInFlight: false,
    queueAgain: false,
    queueTimer: null,
    openCaseId: null,
    detail: null,
    detailFetchedAt: 0,
    caseSeq: 0,
    caseTimer: null,
    renderedCaseId: null,
    renderedMessageIds: [],
    focusComposerAfterLoad: false,
    drafts: new Map(),
    referents: null,
    typingUntil: new Map(),
    typingTimers: new Map(),
    lastTypingPost: 0,
    events: null,
    live: false,
    everLive: false,
    reconnectTimer: null,
    reconnectDelay: 2000,
    tickTimer: null,
    pollTimer: null,
    noticeTimer: null,
    busy: new Set(),
  };

  // ---------------------------------------------------------------- helpers

  function $(id) {
    return document.getElementById(id);
  }

  function el(tag, attrs, text) {
    const node = document.createElement(tag);
    if (attrs) {
      for (const [key, value] of Object.entries(attrs)) {
        if (value === undefined || value === null || value === false) continue;
        if (key === 'class') node.className = value;
        else node.setAttribute(key, value === true ? '' : String(value));
      }
    }
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function setText(id, text) {
    $(id).textContent = text === undefined || text === null ? '' : String(text);
  }

  function setAlert(id, message) {
    setText(id, message || '');
  }

  function notice(message) {
    setText('case-notice', message);
    clearTimeout(state.noticeTimer);
    state.noticeTimer = setTimeout(() => setText('case-notice', ''), 6000);
  }

  function sameId(a, b) {
    return a !== undefined && a !== null && b !== undefined && b !== null && String(a) === String(b);
  }

  function isCoordinator() {
    return !!state.me && state.me.role === 'coordinator';
  }

  function pad(n) {
    return String(n).padStart(2, '0');
  }

  function depName(code) {
    if (!code) return '';
    return DEPARTEMENTS[String(code).toUpperCase()] || '';
  }

  function depLabel(code, name) {
    if (!code) return '';
    const label = name || depName(code);
    return label ? label + ' (' + code + ')' : String(code);
  }

  /** "moins d'une minute", "12 min", "1 h 05", "2 j 3 h". */
  function durationText(seconds) {
    const minutes = Math.floor(Math.max(0, seconds) / 60);
    if (minutes < 1) return "moins d'une minute";
    if (minutes < 60) return minutes + ' min';
    const hours = Math.floor(minutes / 60);
    if (hours < 24) return hours + ' h ' + pad(minutes % 60);
    const days = Math.floor(hours / 24);
    return days + ' j ' + (hours % 24) + ' h';
  }

  function targetText(minutes) {
    const m = Number(minutes);
    if (!m || m < 0) return '';
    if (m < 60) return m + ' min';
    const rest = m % 60;
    return Math.floor(m / 60) + ' h' + (rest ? ' ' + pad(rest) : '');
  }

  function validDate(iso) {
    if (!iso) return null;
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? null : date;
  }

  /** HH:MM for today, "12 mars, 14:05" for another day. */
  function timeLabel(iso) {
    const date = validDate(iso);
    if (!date) return '';
    const now = new Date();
    const today = date.getFullYear() === now.getFullYear() && date.getMonth() === now.getMonth() && date.getDate() === now.getDate();
    return today ? timeFormat.format(date) : dayFormat.format(date) + ', ' + timeFormat.format(date);
  }

  function fullDateLabel(iso) {
    const date = validDate(iso);
    return date ? fullFormat.format(date).replace(' ', ' à ') : '';
  }

  function categoryLabel(category) {
    if (!category) return '';
    return CATEGORY[category] || String(category).replace(/_/g, ' ');
  }

  function priorityLabel(c) {
    if (c.reason === 'crisis') return 'Crise' + (c.category ? ' – ' + categoryLabel(c.category) : '');
    if (c.reason === 'human_request') return "Demande d'un humain";
    if (c.reason === 'not_found') return 'Pas de réponse trouvée';
    return 'Demande';
  }

  function statusLabel(status) {
    return STATUS[status] || String(status || '');
  }

  function currentWaitSeconds(c, fetchedAt) {
    let seconds = Number(c.waitingSeconds) || 0;
    if (c.status === 'open' && fetchedAt) seconds += Math.max(0, (Date.now() - fetchedAt) / 1000);
    return seconds;
  }

  function isOverdue(c, fetchedAt) {
    if (c.overdue) return true;
    const target = Number(c.targetMinutes);
    return c.status === 'open' && target > 0 && currentWaitSeconds(c, fetchedAt) > target * 60;
  }

  function waitText(c, fetchedAt) {
    const seconds = currentWaitSeconds(c, fetchedAt);
    const target = targetText(c.targetMinutes);
    const waited = (c.status === 'open' ? 'attend depuis ' : 'a attendu ') + durationText(seconds);
    return target && c.status !== 'closed' ? waited + ' · objectif ' + target : waited;
  }

  function isMine(c) {
    return !!c && c.status === 'assigned' && !!c.assignedTo && !!state.me && sameId(c.assignedTo.id, state.me.id);
  }

  // ---------------------------------------------------------------- API

  class ApiError extends Error {
    constructor(status, code, message, retryAfterSeconds) {
      super(message);
      this.status = status;
      this.code = code;
      this.retryAfterSeconds = retryAfterSeconds;
      this.handled = false;
    }
  }

  function defaultMessage(status) {
    if (status === 400) return "La demande n'a pas pu être traitée. Vérifie ce que tu as saisi.";
    if (status === 401) return 'Adresse e-mail ou mot de passe incorrect.';
    if (status === 403) return "Tu n'as pas accès à cette action.";
    if (status === 404) return "Cette demande n'existe pas ou plus.";
    if (status === 409) return CONFLICT;
    if (status === 423) return 'Compte verrouillé après plusieurs essais.';
    if (status === 429) return "Trop d'essais en peu de temps.";
    return 'Le serveur a rencontré un problème. Réessaie dans un instant.';
  }

  function firstNumber(values) {
    for (const value of values) {
      const n = Number(value);
      if (value !== undefined && value !== null && value !== '' && Number.isFinite(n) && n >= 0) return n;
    }
    return undefined;
  }

  function withWait(message, seconds) {
    if (seconds === undefined || /\d/.test(message)) return message;
    const minutes = Math.max(1, Math.ceil(seconds / 60));
    return message.replace(/\s*$/, '') + ' Réessaie dans ' + minutes + ' min.';
  }

  /**
   * Calls the console API. options.raw: the caller handles 401/403 itself (login, password, me).
   * A 401 elsewhere ends the session; a 403 csrf refreshes the token once and retries.
   */
  async function api(method, path, body, options) {
    const opts = options || {};
    const headers = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET' && state.csrf && !opts.noCsrf) headers['x-csrf-token'] = state.csrf;
    let res;
    try {
      res = await fetch(API + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'same-origin',
        cache: 'no-store',
      });
    } catch {
      throw new ApiError(0, 'network', 'Le serveur ne répond pas. Vérifie ta connexion puis réessaie.');
    }
    if (res.status === 204) return null;
    let data = null;
    try {
      const text = await res.text();
      data = text ? JSON.parse(text) : null;
    } catch {
      data = null;
    }
    if (res.ok) return data;

    const info = data && typeof data.error === 'object' && data.error ? data.error : {};
    const retry = firstNumber([info.retryAfterSeconds, data && data.retryAfterSeconds, res.headers.get('Retry-After')]);
    const error = new ApiError(res.status, info.code || '', info.message || defaultMessage(res.status), retry);
    if (!opts.raw) {
      if (res.status === 403 && error.code === 'csrf' && !opts.retried) {
        await refreshToken();
        return api(method, path, body, Object.assign({}, opts, { retried: true }));
      }
      if (res.status === 401) {
        error.handled = true;
        sessionExpired();
      } else if (res.status === 403 && error.code === 'password_change_required') {
        error.handled = true;
        showPassword();
      }
    }
    throw error;
  }

  async function refreshToken() {
    try {
      const data = await api('GET', '/me', undefined, { raw: true });
      if (data && data.csrfToken) state.csrf = data.csrfToken;
    } catch {
      /* the retried call will report the error */
    }
  }

  // ---------------------------------------------------------------- views

  function showOnly(view) {
    state.view = view;
    const inApp = view === 'app';
    $('boot').hidden = true;
    $('login-view').hidden = view !== 'login';
    $('password-view').hidden = view !== 'password';
    $('session-info').hidden = !(inApp || view === 'password');
    $('live-status').hidden = !inApp;
    $('tabs').hidden = !(inApp && isCoordinator());
    $('workspace').hidden = !(inApp && state.tab === 'queue');
    $('audit-view').hidden = !(inApp && state.tab === 'audit');
  }

  function showLogin(message) {
    teardown();
    showOnly('login');
    setAlert('login-error', message || '');
    $('login-password').value = '';
    const email = $('login-email');
    (email.value ? $('login-password') : email).focus();
  }

  function sessionExpired() {
    if (state.view === 'login') return;
    showLogin(EXPIRED);
  }

  function showPassword() {
    closeEvents();
    stopTimers();
    renderMe();
    showOnly('password');
    ['password-current', 'password-next', 'password-confirm'].forEach((id) => {
      $(id).value = '';
    });
    setAlert('password-error', '');
    $('password-current').focus();
  }

  function applySession(data, options) {
    state.csrf = data && data.csrfToken ? data.csrfToken : state.csrf;
    state.me = data && data.me ? data.me : state.me;
    if (!state.me) {
      showLogin('');
      return;
    }
    if (data.mustChangePassword) showPassword();
    else enterApp(options || {});
  }

  function renderMe() {
    const me = state.me;
    if (!me) return;
    setText('me-name', me.name || me.email || '');
    let deps;
    if (me.role === 'coordinator') deps = 'Coordination · tous les départements';
    else if (Array.isArray(me.departements) && me.departements.length) deps = me.departements.map((code) => depLabel(code)).join(', ');
    else deps = 'Aucun département attribué';
    setText('me-departements', deps);
  }

  function enterApp(options) {
    state.tab = 'queue';
    showOnly('app');
    renderMe();
    buildDepartementFilter();
    selectTabButtons();
    connectEvents();
    startTimers();
    loadQueue();
    if (isCoordinator()) loadReferents();
    const fromHash = caseIdFromHash();
    if (fromHash) showCase(fromHash, false);
    else closeCaseView(false);
    if (options.focus) $(fromHash ? 'case-title' : 'queue-title').focus();
  }

  function teardown() {
    closeEvents();
    stopTimers();
    clearTimeout(state.queueTimer);
    clearTimeout(state.caseTimer);
    for (const timer of state.typingTimers.values()) clearTimeout(timer);
    state.typingTimers.clear();
    state.typingUntil.clear();
    state.csrf = null;
    state.me = null;
    state.cases = [];
    state.openCaseId = null;
    state.detail = null;
    state.caseSeq += 1;
    state.renderedCaseId = null;
    state.renderedMessageIds = [];
    state.drafts.clear();
    state.referents = null;
    state.tab = 'queue';
    state.filterStatus = 'active';
    state.filterDep = '';
    $('filter-status').value = 'active';
    state.busy.clear();
    // Nothing of the previous session stays on screen (shared computers).
    ['queue', 'transcript', 'notes', 'audit-rows', 'assign-to', 'filter-departement-field'].forEach((id) => $(id).replaceChildren());
    ['me-name', 'me-departements', 'queue-count', 'queue-error', 'case-error', 'case-notice', 'audit-error'].forEach((id) => setText(id, ''));
    $('composer-text').value = '';
    $('note-text').value = '';
    $('outcome-detail').value = '';
    $('case-view').hidden = true;
    $('workspace').classList.remove('has-case');
    document.title = BASE_TITLE;
  }

  // ---------------------------------------------------------------- login and password

  async function onLogin(event) {
    event.preventDefault();
    const emailInput = $('login-email');
    const passwordInput = $('login-password');
    const email = emailInput.value.trim();
    const password = passwordInput.value;
    if (!email || !password) {
      setAlert('login-error', 'Indique ton adresse e-mail et ton mot de passe.');
      (email ? passwordInput : emailInput).focus();
      return;
    }
    if (state.busy.has('login')) return;
    state.busy.add('login');
    const button = $('login-form').querySelector('button[type=submit]');
    button.setAttribute('aria-busy', 'true');
    setAlert('login-error', '');
    try {
      const data = await api('POST', '/login', { email, password }, { raw: true, noCsrf: true });
      passwordInput.value = '';
      applySession(data, { focus: true });
    } catch (err) {
      let message = err.message;
      if (err.status === 423) message = withWait(message, err.retryAfterSeconds);
      else if (err.status === 429) message = withWait(message, err.retryAfterSeconds);
      setAlert('login-error', message);
      passwordInput.value = '';
      passwordInput.focus();
    } finally {
      state.busy.delete('login');
      button.removeAttribute('aria-busy');
    }
  }

  async function onPassword(event) {
    event.preventDefault();
    const current = $('password-current').value;
    const next = $('password-next').value;
    const confirm = $('password-confirm').value;
    let problem = '';
    let focusId = '';
    if (!current) [problem, focusId] = ['Indique ton mot de passe actuel.', 'password-current'];
    else if (next.length < 12) [problem, focusId] = ['Le nouveau mot de passe doit compter au moins 12 caractères.', 'password-next'];
    else if (next !== confirm) [problem, focusId] = ['Les deux saisies du nouveau mot de passe ne sont pas identiques.', 'password-confirm'];
    else if (next === current) [problem, focusId] = ["Choisis un mot de passe différent de l'actuel.", 'password-next'];
    if (problem) {
      setAlert('password-error', problem);
      $(focusId).focus();
      return;
    }
    if (state.busy.has('password')) return;
    state.busy.add('password');
    setAlert('password-error', '');
    try {
      await api('POST', '/password', { current, next }, { raw: true });
      let data;
      try {
        data = await api('GET', '/me', undefined, { raw: true });
      } catch {
        showLogin('Mot de passe enregistré. Reconnecte-toi avec le nouveau mot de passe.');
        return;
      }
      applySession(data, { focus: true });
    } catch (err) {
      if (err.code === 'not_logged_in' || (err.status === 401 && err.code !== 'invalid_credentials')) {
        showLogin(EXPIRED);
        return;
      }
      let message = err.message;
      if (err.code === 'invalid_credentials' && !err.message) message = 'Le mot de passe actuel est incorrect.';
      if (err.status === 429 || err.status === 423) message = withWait(message, err.retryAfterSeconds);
      setAlert('password-error', message);
      $(err.code === 'invalid_credentials' ? 'password-current' : 'password-next').focus();
    } finally {
      state.busy.delete('password');
    }
  }

  async function logout() {
    try {
      await api('POST', '/logout', undefined, { raw: true });
    } catch {
      /* the local session is cleared anyway */
    }
    history.replaceState(null, '', location.pathname + location.search);
    showLogin('');
  }

  // ---------------------------------------------------------------- filters and queue

  function buildDepartementFilter() {
    const field = $('filter-departement-field');
    field.replaceChildren();
    field.appendChild(el('label', { for: 'filter-departement' }, 'Département'));
    if (isCoordinator()) {
      const input = el('input', {
        id: 'filter-departement',
        type: 'text',
        autocomplete: 'off',
        spellcheck: 'false',
        placeholder: 'toutes',
        maxlength: '6',
        'aria-describedby': 'filter-departement-help',
      });
      input.value = state.filterDep || 'toutes';
      let debounce = null;
      const apply = () => {
        clearTimeout(debounce);
        applyDepartementFilter(input.value, input);
      };
      input.addEventListener('change', apply);
      input.addEventListener('keydown', (event) => {
        if (event.key === 'Enter') {
          event.preventDefault();
          apply();
        }
      });
      input.addEventListener('input', () => {
        clearTimeout(debounce);
        debounce = setTimeout(apply, 700);
      });
      field.appendChild(input);
      field.appendChild(el('p', { id: 'filter-departement-help', class: 'hint' }, 'Code (93, 2A, 974) ou « toutes ».'));
    } else {
      const deps = state.me && Array.isArray(state.me.departements) ? state.me.departements : [];
      const select = el('select', { id: 'filter-departement' });
      if (deps.length !== 1) select.appendChild(el('option', { value: '' }, 'Tous mes départements'));
      for (const code of deps) select.appendChild(el('option', { value: code }, code + ' – ' + (depName(code) || 'département')));
      if (deps.length === 1) state.filterDep = String(deps[0]);
      else if (!deps.some((code) => String(code) === state.filterDep)) state.filterDep = '';
      select.value = state.filterDep;
      select.addEventListener('change', () => applyDepartementFilter(select.value, select));
      field.appendChild(select);
    }
  }

  function applyDepartementFilter(raw, control) {
    let value = String(raw || '').trim().toUpperCase();
    if (value === 'TOUTES' || value === 'TOUS' || value === 'TOUT') value = '';
    if (value && /^\d$/.test(value)) value = '0' + value;
    if (value && !/^(\d{2}|2[AB]|97\d)$/.test(value)) {
      control.setAttribute('aria-invalid', 'true');
      setAlert('queue-error', 'Code de département non reconnu : « ' + raw.trim() + ' ». Exemples : 93, 2A, 974, ou « toutes ».');
      return;
    }
    control.removeAttribute('aria-invalid');
    setAlert('queue-error', '');
    if (value === state.filterDep) return;
    state.filterDep = value;
    loadQueue();
  }

  function queueKey() {
    const params = new URLSearchParams({ status: state.filterStatus });
    if (state.filterDep) params.set('departement', state.filterDep);
    return params.toString();
  }

  function scheduleQueue() {
    clearTimeout(state.queueTimer);
    state.queueTimer = setTimeout(loadQueue, 250);
  }

  async function loadQueue() {
    if (state.view !== 'app') return;
    if (state.queueInFlight) {
      state.queueAgain = true;
      return;
    }
    state.queueInFlight = true;
    const key = queueKey();
    try {
      const list = await api('GET', '/cases?' + key);
      if (state.view !== 'app' || key !== queueKey()) return;
      state.cases = Array.isArray(list) ? list : [];
      state.casesFetchedAt = Date.now();
      setAlert('queue-error', '');
      renderQueue();
    } catch (err) {
      if (!err.handled && state.view === 'app') setAlert('queue-error', "La liste n'a pas pu être chargée. " + err.message);
    } finally {
      state.queueInFlight = false;
      if (state.queueAgain) {
        state.queueAgain = false;
        loadQueue();
      }
    }
  }

  function renderQueue() {
    const list = $('queue');
    const active = document.activeElement;
    const focusedId = active && active.classList && active.classList.contains('case-row') ? active.getAttribute('data-case-id') : null;
    list.replaceChildren(...state.cases.map(renderRow));
    $('queue-empty').hidden = state.cases.length > 0;
    const n = state.cases.length;
    setText('queue-count', n === 0 ? '' : n === 1 ? '1 demande' : n + ' demandes');
    if (focusedId) (findRow(focusedId) || $('queue-title')).focus();
    const waiting = state.cases.filter((c) => c.status === 'open').length;
    document.title = (waiting ? '(' + waiting + ') ' : '') + BASE_TITLE;
  }

  function findRow(id) {
    for (const row of $('queue').querySelectorAll('.case-row')) if (row.getAttribute('data-case-id') === String(id)) return row;
    return null;
  }

  function space() {
    return document.createTextNode(' ');
  }

  function renderRow(c) {
    const fetchedAt = state.casesFetchedAt;
    const crisis = c.reason === 'crisis';
    const overdue = isOverdue(c, fetchedAt);
    const li = el('li', { class: 'queue-item' });
    const row = el('button', {
      type: 'button',
      class: 'case-row',
      'data-case-id': c.id,
      'aria-current': sameId(c.id, state.openCaseId) ? 'true' : null,
    });
    row.classList.toggle('is-crisis', crisis);
    row.classList.toggle('is-overdue', overdue);
    row.classList.toggle('is-flagged', !!c.flagged);
    row.classList.toggle('is-closed', c.status === 'closed');

    const top = el('span', { class: 'row-top' });
    top.appendChild(el('span', { class: crisis ? 'row-priority prio-crisis' : 'row-priority' }, priorityLabel(c)));
    top.appendChild(space());
    if (overdue) {
      top.appendChild(overdueBadge());
      top.appendChild(space());
    }
    if (c.flagged) {
      top.appendChild(el('span', { class: 'badge badge-alert' }, 'Crise signalée'));
      top.appendChild(space());
    }
    const unread = Number(c.unread) || 0;
    if (unread > 0) top.appendChild(el('span', { class: 'badge badge-unread' }, unread === 1 ? '1 nouveau message' : unread + ' nouveaux messages'));
    row.appendChild(top);
    row.appendChild(space());

    const place = c.departement ? depLabel(c.departement, c.departementName) : 'Département non renseigné';
    row.appendChild(el('span', { class: 'row-line' }, place + ' · ' + statusLabel(c.status)));
    row.appendChild(space());
    row.appendChild(el('span', { class: 'row-line row-wait' }, waitText(c, fetchedAt)));
    row.appendChild(space());

    let holder;
    if (c.assignedTo) holder = 'Suivie par ' + (sameId(c.assignedTo.id, state.me && state.me.id) ? 'toi' : c.assignedTo.name || 'un·e référent·e');
    else if (c.status === 'open') holder = 'Personne ne l’a encore prise';
    if (holder) {
      row.appendChild(el('span', { class: 'row-line row-holder' }, holder));
      row.appendChild(space());
    }
    if (isTyping(c.id)) row.appendChild(typingLine());

    row.addEventListener('click', () => openCase(String(c.id)));
    li.appendChild(row);
    return li;
  }

  // Markers are added and removed rather than hidden, so a row's text only says what is true.
  function overdueBadge() {
    return el('span', { class: 'badge badge-alert row-overdue' }, 'En retard');
  }

  function typingLine() {
    return el('span', { class: 'row-line row-typing' }, 'La personne écrit…');
  }

  /** Every 30 s: waiting times and "En retard" move on without asking the server. */
  function tick() {
    if (state.view !== 'app') return;
    for (const c of state.cases) {
      const row = findRow(c.id);
      if (!row) continue;
      const overdue = isOverdue(c, state.casesFetchedAt);
      row.classList.toggle('is-overdue', overdue);
      const late = row.querySelector('.row-overdue');
      if (late && !overdue) {
        if (late.nextSibling && late.nextSibling.nodeType === Node.TEXT_NODE) late.nextSibling.remove();
        late.remove();
      } else if (!late && overdue) {
        const priority = row.querySelector('.row-priority');
        priority.after(space(), overdueBadge());
      }
      const wait = row.querySelector('.row-wait');
      if (wait) wait.textContent = waitText(c, state.casesFetchedAt);
    }
    if (state.detail) renderCaseFacts();
  }

  function startTimers() {
    stopTimers();
    state.tickTimer = setInterval(tick, TICK_MS);
    state.pollTimer = setInterval(() => {
      if (state.view === 'app' && !state.live) {
        loadQueue();
        if (state.openCaseId) loadCase(state.openCaseId);
      }
    }, POLL_WHEN_OFFLINE_MS);
  }

  function stopTimers() {
    clearInterval(state.tickTimer);
    clearInterval(state.pollTimer);
    clearTimeout(state.reconnectTimer);
    state.tickTimer = null;
    state.pollTimer = null;
    state.reconnectTimer = null;
  }

  // ---------------------------------------------------------------- case view

  function caseIdFromHash() {
    const match = /^#demande-([A-Za-z0-9_-]+)$/.exec(location.hash);
    return match ? match[1] : null;
  }

  function openCase(id) {
    if (caseIdFromHash() !== id) history.pushState({ caseId: id }, '', '#demande-' + id);
    showCase(id, true);
  }

  function route() {
    if (state.view !== 'app') return;
    const id = caseIdFromHash();
    if (id) showCase(id, true);
    else closeCaseView(true);
  }

  function saveDraft() {
    if (!state.openCaseId) return;
    const text = $('composer-text').value;
    if (text) state.drafts.set(state.openCaseId, text);
    else state.drafts.delete(state.openCaseId);
  }

  function markSelectedRow() {
    for (const row of $('queue').querySelectorAll('.case-row')) {
      if (state.openCaseId && row.getAttribute('data-case-id') === state.openCaseId) row.setAttribute('aria-current', 'true');
      else row.removeAttribute('aria-current');
    }
  }

  function showCase(id, focus) {
    if (state.tab !== 'queue') setTab('queue', false);
    if (state.openCaseId !== id) {
      saveDraft();
      state.openCaseId = id;
      state.detail = null;
      state.renderedCaseId = null;
      state.renderedMessageIds = [];
      $('transcript').replaceChildren(el('p', { class: 'empty' }, 'Chargement de la conversation…'));
      $('notes').replaceChildren();
      $('notes-empty').hidden = true;
      ['case-reason', 'case-departement', 'case-status', 'case-waiting', 'case-assigned', 'case-error', 'case-notice',
        'shared-departement', 'shared-age', 'shared-situation', 'held-by-other'].forEach((key) => setText(key, ''));
      $('case-markers').replaceChildren();
      ['take-block', 'composer', 'reply-window', 'hand-back-block', 'assign-block', 'close-block', 'held-by-other', 'case-outcome-row', 'typing-indicator']
        .forEach((key) => {
          $(key).hidden = true;
        });
      $('composer-text').value = state.drafts.get(id) || '';
      $('note-text').value = '';
      $('outcome-detail').value = '';
      $('outcome').selectedIndex = 0;
      state.lastTypingPost = 0;
    }
    setText('case-title', 'Demande n° ' + id);
    $('case-view').hidden = false;
    $('case-placeholder').hidden = true;
    $('workspace').classList.add('has-case');
    markSelectedRow();
    if (focus) $('case-title').focus();
    loadCase(id);
  }

  function closeCaseView(focus) {
    const previous = state.openCaseId;
    saveDraft();
    state.openCaseId = null;
    state.detail = null;
    state.caseSeq += 1;
    state.renderedCaseId = null;
    state.renderedMessageIds = [];
    $('case-view').hidden = true;
    $('case-placeholder').hidden = false;
    $('workspace').classList.remove('has-case');
    markSelectedRow();
    if (focus) {
      const row = previous ? findRow(previous) : null;
      (row || $('queue-title')).focus();
    }
  }

  function backToList() {
    if (history.state && history.state.caseId) {
      history.back();
      return;
    }
    history.replaceState(null, '', location.pathname + location.search);
    closeCaseView(true);
  }

  function scheduleCase() {
    clearTimeout(state.caseTimer);
    state.caseTimer = setTimeout(() => {
      if (state.openCaseId) loadCase(state.openCaseId);
    }, 200);
  }

  async function loadCase(id) {
    const seq = ++state.caseSeq;
    try {
      const detail = await api('GET', '/cases/' + encodeURIComponent(id));
      if (seq !== state.caseSeq || state.openCaseId !== id || state.view !== 'app') return;
      state.detail = detail;
      state.detailFetchedAt = Date.now();
      renderCase();
      // Viewing the case resets its unread count on the server: show it at once in the list.
      const summary = state.cases.find((c) => sameId(c.id, id));
      if (summary && Number(summary.unread) > 0) {
        summary.unread = 0;
        renderQueue();
      }
    } catch (err) {
      if (seq !== state.caseSeq || err.handled) return;
      setAlert('case-error', err.status === 404 ? "Cette demande n'existe pas ou plus." : err.message);
      const transcript = $('transcript');
      if (!state.detail && transcript.firstChild && transcript.firstChild.classList.contains('empty')) transcript.replaceChildren();
    }
  }

  function renderCaseFacts() {
    const d = state.detail;
    if (!d) return;
    setText('case-title', 'Demande n° ' + d.id);
    const reason = $('case-reason');
    reason.textContent = priorityLabel(d);
    reason.classList.toggle('prio-crisis', d.reason === 'crisis');
    $('case-view').classList.toggle('is-crisis', d.reason === 'crisis' || !!d.flagged);

    const overdue = isOverdue(d, state.detailFetchedAt);
    const markers = $('case-markers');
    markers.replaceChildren();
    if (overdue) markers.appendChild(el('span', { class: 'badge badge-alert' }, 'En retard'));
    if (d.flagged) {
      if (markers.firstChild) markers.appendChild(space());
      markers.appendChild(el('span', { class: 'badge badge-alert' }, 'Crise signalée'));
    }
    markers.hidden = !markers.firstChild;

    setText('case-departement', d.departement ? depLabel(d.departement, d.departementName) : 'non renseigné');
    setText('case-status', statusLabel(d.status));
    setText('case-waiting', waitText(d, state.detailFetchedAt));
    let holder = 'Personne pour l’instant';
    if (d.assignedTo) holder = sameId(d.assignedTo.id, state.me && state.me.id) ? 'Toi (' + (d.assignedTo.name || state.me.name) + ')' : d.assignedTo.name || 'un·e référent·e';
    setText('case-assigned', holder);
    const outcome = d.outcome ? String(d.outcome) : '';
    $('case-outcome-row').hidden = !outcome;
    setText('case-outcome', outcome);
  }

  function renderCase() {
    const d = state.detail;
    if (!d) return;
    renderCaseFacts();

    const shared = d.shared || {};
    setText('shared-departement', shared.departement ? depLabel(shared.departement) : 'non renseigné');
    const age = shared.age;
    setText('shared-age', age === null || age === undefined || age === '' ? 'non renseigné' : typeof age === 'number' ? age + ' ans' : String(age));
    setText('shared-situation', shared.situation ? SITUATION[shared.situation] || String(shared.situation) : 'non renseigné');

    renderTranscript(Array.isArray(d.messages) ? d.messages : []);
    renderNotes(Array.isArray(d.notes) ? d.notes : []);

    const mine = isMine(d);
    const closed = d.status === 'closed';
    $('take-block').hidden = !(d.status === 'open' || d.status === 'released');
    $('composer').hidden = !mine;
    $('hand-back-block').hidden = !mine;
    $('close-block').hidden = closed;
    $('assign-block').hidden = !(isCoordinator() && !closed);
    const heldByOther = d.status === 'assigned' && !mine;
    $('held-by-other').hidden = !heldByOther;
    setText('held-by-other', heldByOther ? 'Cette demande est suivie par ' + (d.assignedTo && d.assignedTo.name ? d.assignedTo.name : 'un·e autre référent·e') + '. Tu peux lire la conversation et ajouter des notes internes.' : '');
    if (isCoordinator()) fillAssignSelect(d);
    $('typing-indicator').hidden = !isTyping(d.id);
    renderReplyWindow(d, mine);

    if (state.focusComposerAfterLoad) {
      state.focusComposerAfterLoad = false;
      if (mine) $('composer-text').focus();
    }
  }

  /** WhatsApp lets the service write only within 24 h of the person's last message: said before the référent types. */
  function renderReplyWindow(d, mine) {
    const w = d.replyWindow;
    let text = '';
    if (w && w.state === 'closed') text = 'Plus de 24 h sans message de cette personne sur WhatsApp : elle doit d’abord t’écrire pour que tu puisses lui répondre.';
    else if (w && w.state === 'gone') text = 'Cette personne a effacé ses données : on ne peut plus lui écrire.';
    else if (w && w.state === 'open' && w.until) text = 'Sur WhatsApp, tu peux lui écrire jusqu’au ' + fullDateLabel(w.until) + ' (24 h après son dernier message).';
    $('reply-window').hidden = !text || (!mine && d.status !== 'open' && d.status !== 'released');
    setText('reply-window', text);
  }

  function whoLabel(m) {
    if (m.from === 'user') return 'La personne';
    if (m.from === 'referent') return (m.name ? m.name : 'Référent·e') + ' · référent·e';
    return 'Relais (bot)';
  }

  function renderMessage(m) {
    const from = m.from === 'user' || m.from === 'referent' ? m.from : 'bot';
    const item = el('div', { class: 'msg msg-' + from, 'data-from': from });
    const meta = el('p', { class: 'msg-meta' });
    meta.appendChild(el('span', { class: 'msg-who' }, whoLabel(m)));
    const label = timeLabel(m.timestamp);
    if (label) {
      meta.appendChild(document.createTextNode(' · '));
      meta.appendChild(el('time', { datetime: m.timestamp }, label));
    }
    item.appendChild(meta);
    item.appendChild(el('p', { class: 'msg-text' }, plainText(m.text)));
    if (from === 'referent') {
      item.setAttribute('data-message-id', String(m.id));
      item.appendChild(el('p', { class: 'msg-seen' }, seenLabel(m)));
    }
    return item;
  }

  /** The bot writes Markdown for the chat; the console shows its words without the marks (as text, never as HTML). */
  function plainText(text) {
    if (text === undefined || text === null) return '';
    return String(text)
      .replace(/\[([^\]\n]+)\]\((?:https?|tel|sms):[^)\s]+\)/g, '$1')
      .replace(/\*\*(.+?)\*\*/g, '$1')
      .replace(/^_(.+)_$/gm, '$1')
      .replace(/(^|\s)_(\S[^_\n]*?)_(?=\s|$|[.,;:!?])/g, '$1$2');
  }

  /** A référent's message the young person has not opened yet waits in their chat. */
  function seenLabel(m) {
    return m.seen === false ? 'Pas encore lu : le message attend la personne dans sa conversation.' : 'Lu';
  }

  /** Messages already drawn keep their place; only their "lu / pas encore lu" line changes. */
  function refreshSeen(messages) {
    for (const m of messages) {
      if (m.from !== 'referent') continue;
      const item = $('transcript').querySelector('[data-message-id="' + String(m.id).replace(/[^0-9]/g, '') + '"] .msg-seen');
      if (item && item.textContent !== seenLabel(m)) item.textContent = seenLabel(m);
    }
  }

  /** Appends only the new messages, so a screen reader announces each message once. */
  function renderTranscript(messages) {
    const box = $('transcript');
    const ids = messages.map((m, i) => (m.id === undefined || m.id === null ? '#' + i : String(m.id)));
    const previous = state.renderedCaseId === state.openCaseId ? state.renderedMessageIds : null;
    const appendOnly = !!previous && previous.length <= ids.length && previous.every((id, i) => ids[i] === id);
    let start = 0;
    if (appendOnly) start = previous.length;
    else box.replaceChildren();
    for (const placeholder of box.querySelectorAll(':scope > .empty')) placeholder.remove();
    for (const m of messages.slice(start)) box.appendChild(renderMessage(m));
    refreshSeen(messages.slice(0, start));
    if (messages.length === 0) box.appendChild(el('p', { class: 'empty' }, 'Pas encore de message.'));
    const changed = !appendOnly || start < ids.length;
    state.renderedCaseId = state.openCaseId;
    state.renderedMessageIds = ids;
    if (changed) box.scrollTop = box.scrollHeight;
  }

  function renderNotes(notes) {
    const list = $('notes');
    list.replaceChildren(
      ...notes.map((n) => {
        const item = el('li', { class: 'note' });
        const author = n.author && typeof n.author === 'object' ? n.author.name : n.author;
        const meta = el('p', { class: 'note-meta' });
        meta.appendChild(el('span', { class: 'note-author' }, author || 'Référent·e'));
        const label = timeLabel(n.timestamp);
        if (label) {
          meta.appendChild(document.createTextNode(' · '));
          meta.appendChild(el('time', { datetime: n.timestamp }, label));
        }
        item.appendChild(meta);
        item.appendChild(el('p', { class: 'note-text' }, n.text === undefined || n.text === null ? '' : n.text));
        return item;
      }),
    );
    $('notes-empty').hidden = notes.length > 0;
  }

  // ---------------------------------------------------------------- actions

  async function caseAction(key, run, after) {
    const id = state.openCaseId;
    if (!id || state.busy.has(key)) return;
    state.busy.add(key);
    setAlert('case-error', '');
    try {
      const result = await run(id);
      if (after) after(result);
    } catch (err) {
      // The server says which conflict it is (taken by someone else, closed, WhatsApp's 24 hours, data erased).
      if (!err.handled) setAlert('case-error', err.message);
    } finally {
      state.busy.delete(key);
      if (state.openCaseId === id && state.view === 'app') {
        loadCase(id);
        scheduleQueue();
      }
    }
  }

  function take() {
    caseAction(
      'take',
      (id) => api('POST', '/cases/' + encodeURIComponent(id) + '/take'),
      () => {
        notice('Tu as pris la demande en charge. La personne en est informée.');
        state.focusComposerAfterLoad = true;
      },
    );
  }

  function handBack() {
    caseAction(
      'hand-back',
      (id) => api('POST', '/cases/' + encodeURIComponent(id) + '/hand-back'),
      () => {
        notice('Le bot répond de nouveau à la personne.');
        $('case-title').focus();
      },
    );
  }

  function onComposerKey(event) {
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing || event.keyCode === 229) return;
    event.preventDefault();
    const form = $('composer');
    if (typeof form.requestSubmit === 'function') form.requestSubmit();
    else form.dispatchEvent(new Event('submit', { cancelable: true }));
  }

  function onComposerInput() {
    const id = state.openCaseId;
    if (!id || !$('composer-text').value.trim() || !isMine(state.detail)) return;
    const now = Date.now();
    if (now - state.lastTypingPost < TYPING_POST_MS) return;
    state.lastTypingPost = now;
    api('POST', '/cases/' + encodeURIComponent(id) + '/typing').catch(() => undefined);
  }

  function onSend(event) {
    event.preventDefault();
    const textarea = $('composer-text');
    const text = textarea.value.trim();
    if (!text) {
      setAlert('case-error', "Écris un message avant d'envoyer.");
      textarea.focus();
      return;
    }
    if (text.length > 2000) {
      setAlert('case-error', 'Le message est trop long (2 000 caractères au plus).');
      return;
    }
    caseAction(
      'send',
      (id) => api('POST', '/cases/' + encodeURIComponent(id) + '/messages', { text }),
      () => {
        if (textarea.value.trim() === text) textarea.value = '';
        state.drafts.delete(state.openCaseId);
        state.lastTypingPost = 0;
        textarea.focus();
      },
    );
  }

  function onNote(event) {
    event.preventDefault();
    const textarea = $('note-text');
    const text = textarea.value.trim();
    if (!text) {
      setAlert('case-error', 'Écris la note avant de l’enregistrer.');
      textarea.focus();
      return;
    }
    caseAction(
      'note',
      (id) => api('POST', '/cases/' + encodeURIComponent(id) + '/notes', { text }),
      () => {
        textarea.value = '';
        notice('Note interne enregistrée.');
      },
    );
  }

  function onClose(event) {
    event.preventDefault();
    const choice = $('outcome').value;
    const detail = $('outcome-detail').value.trim();
    const outcome = (detail ? choice + ' – ' + detail : choice).slice(0, 500);
    if (!outcome) {
      setAlert('case-error', 'Choisis une issue avant de clôturer.');
      $('outcome').focus();
      return;
    }
    caseAction(
      'close',
      (id) => api('POST', '/cases/' + encodeURIComponent(id) + '/close', { outcome }),
      () => {
        $('outcome-detail').value = '';
        notice('Demande clôturée.');
        $('case-title').focus();
      },
    );
  }

  async function loadReferents() {
    try {
      const list = await api('GET', '/referents');
      state.referents = Array.isArray(list) ? list : [];
      if (state.detail) fillAssignSelect(state.detail);
    } catch (err) {
      if (!err.handled) state.referents = null;
    }
  }

  function fillAssignSelect(d) {
    const select = $('assign-to');
    // Never rebuild the list under the fingers of someone choosing in it.
    if (document.activeElement === select && select.getAttribute('data-case-id') === String(d.id) && state.referents) return;
    const current = d.assignedTo ? String(d.assignedTo.id) : '';
    const keep = select.options.length && select.getAttribute('data-case-id') === String(d.id) ? select.value : current;
    select.replaceChildren();
    if (!state.referents) {
      select.appendChild(el('option', { value: '' }, 'Liste des référents indisponible'));
      return;
    }
    select.appendChild(el('option', { value: '' }, 'Choisir une personne'));
    for (const r of state.referents) {
      let label = r.name || r.email || String(r.id);
      if (r.role === 'coordinator') label += ' (coordination)';
      else if (Array.isArray(r.departements) && r.departements.length) label += ' – ' + r.departements.join(', ');
      if (r.locked) label += ' – compte verrouillé';
      select.appendChild(el('option', { value: String(r.id), disabled: !!r.locked }, label));
    }
    select.value = keep;
    if (select.value !== keep) select.value = '';
    select.setAttribute('data-case-id', String(d.id));
  }

  function onAssign(event) {
    event.preventDefault();
    const value = $('assign-to').value;
    if (!value) {
      setAlert('case-error', 'Choisis la personne à qui attribuer la demande.');
      $('assign-to').focus();
      return;
    }
    const referent = (state.referents || []).find((r) => String(r.id) === value);
    caseAction(
      'assign',
      (id) => api('POST', '/cases/' + encodeURIComponent(id) + '/assign', { referentId: referent ? referent.id : value }),
      () => notice('Demande attribuée à ' + (referent ? referent.name : 'la personne choisie') + '.'),
    );
  }

  // ---------------------------------------------------------------- typing indicator

  function isTyping(id) {
    const until = state.typingUntil.get(String(id));
    return !!until && until > Date.now();
  }

  function showTypingState(id) {
    const row = findRow(id);
    const on = isTyping(id);
    if (row) {
      const span = row.querySelector('.row-typing');
      if (on && !span) row.appendChild(typingLine());
      else if (!on && span) span.remove();
    }
    if (state.openCaseId === id) $('typing-indicator').hidden = !on;
  }

  function onTyping(id) {
    state.typingUntil.set(id, Date.now() + TYPING_SHOW_MS);
    clearTimeout(state.typingTimers.get(id));
    state.typingTimers.set(
      id,
      setTimeout(() => {
        state.typingUntil.delete(id);
        state.typingTimers.delete(id);
        showTypingState(id);
      }, TYPING_SHOW_MS),
    );
    showTypingState(id);
  }

  function stopTyping(id) {
    clearTimeout(state.typingTimers.get(id));
    state.typingTimers.delete(id);
    state.typingUntil.delete(id);
    showTypingState(id);
  }

  // ---------------------------------------------------------------- live updates

  function setLive(on) {
    state.live = on;
    const status = $('live-status');
    status.textContent = on ? 'Mises à jour en direct' : 'Reconnexion…';
    status.setAttribute('data-state', on ? 'on' : 'off');
  }

  function parseData(event) {
    try {
      return JSON.parse(event.data);
    } catch {
      return null;
    }
  }

  function closeEvents() {
    if (state.events) state.events.close();
    state.events = null;
    clearTimeout(state.reconnectTimer);
    state.reconnectTimer = null;
    setLive(false);
  }

  function connectEvents() {
    closeEvents();
    state.everLive = false;
    openStream();
  }

  function openStream() {
    if (typeof window.EventSource !== 'function') return;
    const source = new EventSource(API + '/events');
    state.events = source;
    source.addEventListener('open', () => {
      if (state.events !== source) return;
      const wasInterrupted = state.everLive && !state.live;
      state.everLive = true;
      state.reconnectDelay = 2000;
      setLive(true);
      if (wasInterrupted) {
        scheduleQueue();
        if (state.openCaseId) scheduleCase();
      }
    });
    source.addEventListener('error', () => {
      if (state.events !== source) return;
      setLive(false);
      if (source.readyState === EventSource.CLOSED) {
        source.close();
        state.events = null;
        scheduleReconnect();
      }
    });
    source.addEventListener('case', (event) => {
      if (state.events !== source) return;
      const data = parseData(event);
      scheduleQueue();
      if (!data || data.caseId === undefined || data.caseId === null) return;
      const id = String(data.caseId);
      if (data.kind === 'message') stopTyping(id);
      if (state.openCaseId === id) scheduleCase();
    });
    source.addEventListener('typing', (event) => {
      if (state.events !== source) return;
      const data = parseData(event);
      if (data && data.caseId !== undefined && data.caseId !== null) onTyping(String(data.caseId));
    });
  }

  /** The browser gave up (for example the server answered 401): check the session, then try again later. */
  function scheduleReconnect() {
    clearTimeout(state.reconnectTimer);
    const delay = state.reconnectDelay;
    state.reconnectDelay = Math.min(state.reconnectDelay * 2, 60000);
    state.reconnectTimer = setTimeout(async () => {
      state.reconnectTimer = null;
      if (state.view !== 'app') return;
      try {
        const data = await api('GET', '/me', undefined, { raw: true });
        if (state.view !== 'app') return;
        if (data && data.csrfToken) state.csrf = data.csrfToken;
        if (data && data.mustChangePassword) {
          showPassword();
          return;
        }
        openStream();
      } catch (err) {
        if (err.status === 401) sessionExpired();
        else scheduleReconnect();
      }
    }, delay);
  }

  // ---------------------------------------------------------------- audit (coordinators)

  function selectTabButtons() {
    const onQueue = state.tab === 'queue';
    $('tab-queue').setAttribute('aria-current', onQueue ? 'page' : 'false');
    $('tab-audit').setAttribute('aria-current', onQueue ? 'false' : 'page');
  }

  function setTab(tab, load) {
    if (tab === 'audit' && !isCoordinator()) return;
    state.tab = tab;
    selectTabButtons();
    $('workspace').hidden = tab !== 'queue';
    $('audit-view').hidden = tab !== 'audit';
    if (tab === 'audit' && load) loadAudit();
  }

  function detailText(detail) {
    if (detail === undefined || detail === null || detail === '') return '';
    if (typeof detail !== 'object') return String(detail);
    return Object.entries(detail)
      .map(([key, value]) => key + ' : ' + (value !== null && typeof value === 'object' ? JSON.stringify(value) : String(value)))
      .join(', ');
  }

  async function loadAudit() {
    setAlert('audit-error', '');
    try {
      const rows = await api('GET', '/audit?limit=200');
      renderAudit(Array.isArray(rows) ? rows : []);
    } catch (err) {
      if (!err.handled) setAlert('audit-error', "Le journal n'a pas pu être chargé. " + err.message);
    }
  }

  function renderAudit(rows) {
    const body = $('audit-rows');
    body.replaceChildren(
      ...rows.map((row) => {
        const tr = el('tr');
        const cells = [
          ['Date et heure', fullDateLabel(row.at)],
          ['Qui', row.actor && row.actor.name ? row.actor.name : '—'],
          ['Action', ACTION[row.action] || String(row.action || '')],
          ['Demande n°', row.caseId === undefined || row.caseId === null ? '—' : String(row.caseId)],
          ['Détail', detailText(row.detail) || '—'],
        ];
        for (const [label, text] of cells) tr.appendChild(el('td', { 'data-label': label }, text));
        return tr;
      }),
    );
    $('audit-empty').hidden = rows.length > 0;
  }

  // ---------------------------------------------------------------- start

  function bind() {
    $('login-form').addEventListener('submit', onLogin);
    $('password-form').addEventListener('submit', onPassword);
    $('logout').addEventListener('click', logout);
    $('filter-status').addEventListener('change', () => {
      state.filterStatus = $('filter-status').value || 'active';
      loadQueue();
    });
    $('refresh-queue').addEventListener('click', () => loadQueue());
    $('back-to-list').addEventListener('click', backToList);
    $('take').addEventListener('click', take);
    $('hand-back').addEventListener('click', handBack);
    $('composer').addEventListener('submit', onSend);
    $('composer-text').addEventListener('keydown', onComposerKey);
    $('composer-text').addEventListener('input', onComposerInput);
    $('note-form').addEventListener('submit', onNote);
    $('close-form').addEventListener('submit', onClose);
    $('assign-form').addEventListener('submit', onAssign);
    $('tab-queue').addEventListener('click', () => setTab('queue', false));
    $('tab-audit').addEventListener('click', () => setTab('audit', true));
    $('refresh-audit').addEventListener('click', loadAudit);
    window.addEventListener('popstate', route);
  }

  async function boot() {
    bind();
    state.filterStatus = $('filter-status').value || 'active';
    try {
      const data = await api('GET', '/me', undefined, { raw: true });
      applySession(data, { focus: false });
    } catch (err) {
      showLogin(err.status === 401 ? '' : err.message);
    }
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot);
  else boot();
})();
