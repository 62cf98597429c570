// Relais web page: quick exit first, then Web Chat, loaded after the first paint and opened when the young person asks.
(function () {
  'use strict';
  var config = JSON.parse(document.getElementById('relais-config').textContent);
  var KEYS = { user: 'relais.userKey', conversation: 'relais.conversation' };

  // Quick exit. The link already leaves without any script; here it also forgets what the browser keeps
  // and replaces this page in the history, so "back" does not bring it back.
  function quickExit(event) {
    if (event) event.preventDefault();
    try {
      localStorage.removeItem(KEYS.user);
      sessionStorage.clear();
      Object.keys(localStorage).forEach(function (k) { if (/^relais|webchat|directline/i.test(k)) localStorage.removeItem(k); });
    } catch (e) { /* storage may be disabled: leave anyway */ }
    document.body.innerHTML = '';
    window.location.replace(config.quickExitUrl);
  }
  document.getElementById('quick-exit').addEventListener('click', quickExit);
  var lastEscape = 0;
  document.addEventListener('keydown', function (event) {
    if (event.key !== 'Escape') return;
    var now = Date.now();
    if (now - lastEscape < 800) quickExit();
    lastEscape = now;
  });

  // Web Chat's bundle is big: fetch it once the page is painted, so the page is usable on a slow network.
  var webChatReady = null;
  function loadWebChat() {
    if (!webChatReady) {
      webChatReady = new Promise(function (resolve, reject) {
        if (window.WebChat) return resolve(window.WebChat);
        var script = document.createElement('script');
        script.src = config.webChatUrl;
        script.async = true;
        script.onload = function () { resolve(window.WebChat); };
        script.onerror = function () { webChatReady = null; reject(new Error('webchat')); };
        document.head.appendChild(script);
      });
    }
    return webChatReady;
  }
  window.addEventListener('load', function () { setTimeout(function () { loadWebChat().catch(function () { /* retried on "Commencer" */ }); }, 0); });

  function showError(message) {
    var el = document.getElementById('chat-error');
    el.textContent = message;
    el.hidden = false;
  }
  var OFFLINE = 'Je n\'arrive pas à me connecter. Vérifie ta connexion et recharge la page. En cas d\'urgence : 15, 112 ou 3114 (bouton « Urgence » en haut).';

  function requestToken(resume) {
    var body = { userKey: localStorage.getItem(KEYS.user) || undefined, conversationId: resume ? resume.conversationId : undefined };
    return fetch('/api/webchat/token', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body), credentials: 'same-origin' })
      .then(function (res) { if (!res.ok) throw new Error('token ' + res.status); return res.json(); });
  }

  // Web Chat's own French says "vous" and "bot"; Relais says "tu".
  var STRINGS = {
    ACTIVITY_BOT_SAID_ALT: 'Relais a dit :',
    ACTIVITY_YOU_SAID_ALT: 'Tu as dit :',
    ACTIVITY_BOT_ATTACHED_ALT: 'Relais a joint :',
    ACTIVITY_YOU_ATTACHED_ALT: 'Tu as joint :',
    ACTIVITY_INTERACTIVE_FOOTNOTE_ALT: 'Appuie pour interagir.',
    ACTIVITY_STATUS_SEND_FAILED_RETRY: 'Pas envoyé. [Réessaie][RETRY].',
    // Web Chat writes this time on 12 hours ("6:00 PM") whatever the language: screen readers hear "Envoyé".
    ACTIVITY_STATUS_SEND_STATUS_ALT_SENT_AT: 'Envoyé',
    CONNECTIVITY_STATUS_ALT_FATAL: 'Impossible de se connecter. Recharge la page.',
    CONNECTIVITY_STATUS_ALT_RENDER_ERROR: 'Problème d\'affichage. Recharge la page.',
    SEND_BOX_IS_EMPTY_TOOLTIP_ALT: 'Écris d\'abord ton message.',
    TEXT_INPUT_ALT: 'Ton message',
    TEXT_INPUT_PLACEHOLDER: 'Écris ton message',
    TRANSCRIPT_ARIA_LABEL_ALT: 'Conversation avec Relais. Utilise les flèches pour parcourir les messages.',
    TRANSCRIPT_LIVE_REGION_INTERACTIVE_LABEL_ALT: 'Le message a des boutons. Appuie sur Maj + Tab 2 ou 3 fois pour y aller.',
    TRANSCRIPT_LIVE_REGION_INTERACTIVE_WITH_LINKS_LABEL_ALT: 'Le message a des liens. Appuie sur Maj + Tab 2 ou 3 fois pour y aller.',
    TRANSCRIPT_LIVE_REGION_SUGGESTED_ACTIONS_LABEL_ALT: 'Le message propose des choix. Appuie sur Maj + Tab 2 ou 3 fois pour les choisir.',
    MARKDOWN_EXTERNAL_LINK_ALT: 'S\'ouvre dans un nouvel onglet.'
  };

  // After the young person's data is erased, the conversation starts again from a clean screen.
  function watchForErase(onErased) {
    return function () {
      return function (next) {
        return function (action) {
          var activity = action && action.type === 'DIRECT_LINE/INCOMING_ACTIVITY' && action.payload && action.payload.activity;
          if (activity && activity.type === 'event' && activity.name === 'relais.erased') setTimeout(onErased, 0);
          return next(action);
        };
      };
    };
  }

  // Focus goes to the send box, not to the first input Web Chat renders (a hidden file input).
  function focusSendBox() {
    var tries = 0;
    (function attempt() {
      var input = document.querySelector('#webchat [data-id="webchat-sendbox-input"]');
      if (input) return input.focus();
      if (++tries < 100) setTimeout(attempt, 50);
    })();
  }

  var started = false;
  var currentDirectLine = null;
  function start(options) {
    if (started) return;
    started = true;
    var saved = null;
    try { saved = JSON.parse(sessionStorage.getItem(KEYS.conversation) || 'null'); } catch (e) { saved = null; }
    var status = document.getElementById('start-status');
    status.textContent = 'Ouverture de la discussion…';
    Promise.all([loadWebChat(), requestToken(saved)]).then(function (results) {
      var WebChat = results[0];
      var grant = results[1];
      localStorage.setItem(KEYS.user, grant.userKey);
      sessionStorage.setItem(KEYS.conversation, JSON.stringify({ conversationId: grant.conversationId }));
      document.getElementById('intro').hidden = true;
      document.getElementById('chat').hidden = false;
      document.body.classList.add('chatting');
      status.textContent = '';
      var directLine = WebChat.createDirectLine({
        domain: location.origin + '/v3/directline',
        token: grant.token,
        conversationId: grant.resumed ? grant.conversationId : undefined,
        webSocket: true
      });
      currentDirectLine = directLine;
      var store = WebChat.createStore({}, watchForErase(restartAfterErase));
      WebChat.renderWebChat({
        directLine: directLine,
        store: store,
        locale: 'fr-FR',
        overrideLocalizedStrings: STRINGS,
        // A référent who took over sees when the young person is writing.
        sendTypingIndicator: true,
        // Emergency buttons call or text at once: tel: and sms: open the phone's own app, no new tab.
        cardActionMiddleware: function () {
          return function (next) {
            return function (options) {
              var action = options && options.cardAction;
              if (action && action.type === 'call' && /^(tel|sms):[0-9+]+$/.test(action.value || '')) {
                window.location.href = action.value;
                return;
              }
              return next.apply(null, arguments);
            };
          };
        },
        // Buttons of a card (the 👍/👎 under an answer) sit side by side, small, apart from the suggestions.
        adaptiveCardsHostConfig: { actions: { actionsOrientation: 'horizontal', actionAlignment: 'left', buttonSpacing: 8, maxActions: 5 } },
        styleOptions: {
          accent: '#0b5d6b',
          botAvatarInitials: 'R',
          // Relais does not read files or photos: no paperclip that would promise it.
          hideUploadButton: true,
          suggestedActionLayout: 'flow',
          suggestedActionHeight: 44,
          sendBoxTextWrap: true,
          bubbleMaxWidth: 600,
          primaryFont: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif'
        }
      }, document.getElementById('webchat'));
      if (!options || options.focus !== false) focusSendBox();
    }).catch(function () {
      started = false;
      status.textContent = '';
      showError(OFFLINE);
    });
  }

  // The server has deleted the messages: reopen the same conversation on a clean screen, which then shows
  // only what came after the erase (the confirmation).
  function restartAfterErase() {
    if (currentDirectLine) currentDirectLine.end();
    var host = document.getElementById('webchat');
    host.parentNode.replaceChild(host.cloneNode(false), host);
    started = false;
    start();
  }

  document.getElementById('start').addEventListener('click', function () { start(); });
  // For tests and for CSS: the page's own script is running (quick exit clears storage from here on).
  document.documentElement.classList.add('js-ready');
  // A reload of an already opened chat goes straight back to it.
  if (sessionStorage.getItem(KEYS.conversation)) start({ focus: false });
})();
