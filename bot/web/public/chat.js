// Relais web page: opens the chat only when the young person asks, and offers a quick exit.
(function () {
  'use strict';
  var config = JSON.parse(document.getElementById('relais-config').textContent);
  var KEYS = { user: 'relais.userKey', conversation: 'relais.conversation' };

  function quickExit() {
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

  function showError(message) {
    var el = document.getElementById('chat-error');
    el.textContent = message;
    el.hidden = false;
  }

  function requestToken(resume) {
    var body = { userKey: localStorage.getItem(KEYS.user) || undefined, conversationId: resume ? resume.conversationId : undefined };
    return fetch('/api/webchat/token', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body), credentials: 'same-origin' })
      .then(function (res) { if (!res.ok) throw new Error('token ' + res.status); return res.json(); });
  }

  function start() {
    var saved = null;
    try { saved = JSON.parse(sessionStorage.getItem(KEYS.conversation) || 'null'); } catch (e) { saved = null; }
    document.getElementById('intro').hidden = true;
    document.getElementById('chat').hidden = false;
    requestToken(saved).then(function (grant) {
      localStorage.setItem(KEYS.user, grant.userKey);
      sessionStorage.setItem(KEYS.conversation, JSON.stringify({ conversationId: grant.conversationId }));
      var directLine = window.WebChat.createDirectLine({
        domain: location.origin + '/v3/directline',
        token: grant.token,
        conversationId: grant.resumed ? grant.conversationId : undefined,
        webSocket: true
      });
      window.WebChat.renderWebChat({
        directLine: directLine,
        locale: 'fr-FR',
        // Web Chat's French says "vous"; Relais says "tu".
        overrideLocalizedStrings: { TEXT_INPUT_PLACEHOLDER: 'Écris ton message', TEXT_INPUT_UPLOAD_BUTTON_ALT: 'Joindre un fichier' },
        userID: undefined,
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
        styleOptions: {
          accent: '#0b5d6b',
          botAvatarInitials: 'R',
          hideUploadButton: false,
          suggestedActionLayout: 'flow',
          sendBoxTextWrap: true,
          bubbleMaxWidth: 600,
          primaryFont: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif'
        }
      }, document.getElementById('webchat'));
      var input = document.querySelector('#webchat input, #webchat textarea');
      if (input) input.focus();
    }).catch(function () {
      showError('Je n\'arrive pas à me connecter. Vérifie ta connexion et recharge la page. En cas d\'urgence : 15, 112 ou 3114.');
    });
  }
  document.getElementById('start').addEventListener('click', start);
  // A reload of an already opened chat goes straight back to it.
  if (sessionStorage.getItem(KEYS.conversation)) start();
})();
