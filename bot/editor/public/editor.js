// The editors' workspace: a thin page over /editor/api (docs/editor-api.md). No build step, no dependency.
(() => {
  'use strict';
  const API = '/editor/api';
  const $ = (id) => document.getElementById(id);
  const MAIN_FIELDS = ['id', 'title', 'questions', 'answer', 'verified_on', 'review_by'];
  let csrfToken = '';
  let editing = undefined; // { id, frontMatter, body, file }

  async function api(method, path, body) {
    const headers = { 'content-type': 'application/json' };
    if (method !== 'GET') headers['x-csrf-token'] = csrfToken;
    const res = await fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
    const data = await res.json().catch(() => undefined);
    if (res.status === 401) showLogin();
    return { status: res.status, body: data };
  }

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function showLogin() {
    $('workspace').hidden = true;
    $('login-view').hidden = false;
  }

  async function start() {
    const me = await fetch('/console/api/me', { credentials: 'same-origin' });
    if (me.status !== 200) return showLogin();
    const body = await me.json();
    enter(body);
  }

  function enter(session) {
    csrfToken = session.csrfToken;
    if (session.mustChangePassword) {
      $('login-error').textContent = 'Choisis d’abord ton mot de passe dans la console (/console).';
      return showLogin();
    }
    if (session.me.role !== 'editor' && session.me.role !== 'coordinator') {
      $('login-error').textContent = 'Cet espace est réservé aux éditeur·rices et aux coordinateur·rices.';
      return showLogin();
    }
    $('who').textContent = `${session.me.name} (${session.me.title})`;
    $('who').hidden = false;
    $('login-view').hidden = true;
    $('workspace').hidden = false;
    void loadGroups();
    void loadEntries();
  }

  $('login-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    $('login-error').textContent = '';
    const res = await fetch('/console/api/login', { method: 'POST', headers: { 'content-type': 'application/json' }, credentials: 'same-origin', body: JSON.stringify({ email: $('login-email').value, password: $('login-password').value }) });
    const body = await res.json().catch(() => ({}));
    if (res.status !== 200) {
      $('login-error').textContent = body.error ? body.error.message : 'Connexion impossible.';
      return;
    }
    enter(body);
  });

  async function loadGroups() {
    const list = $('groups');
    list.replaceChildren();
    const { status, body } = await api('GET', `${API}/unanswered`);
    if (status !== 200) return;
    if (body.length === 0) list.append(el('li', 'Rien pour le moment.'));
    for (const group of body) {
      const item = el('li', undefined, 'group');
      const kind = group.kind === 'unanswered' ? 'sans réponse' : 'réponse jugée pas utile 👎';
      item.append(el('p', `${group.count} question${group.count > 1 ? 's' : ''} ${kind}`));
      const examples = el('ul');
      for (const example of group.examples) examples.append(el('li', `« ${example} »`));
      item.append(examples);
      const nearest = group.nearestEntries[0];
      if (nearest) {
        item.append(el('p', `Fiche la plus proche : ${nearest.title} (${nearest.id})`, 'help'));
        const add = el('button', `Ajouter comme question à « ${nearest.id} »`, 'btn btn-small');
        add.type = 'button';
        add.dataset.entry = nearest.id;
        add.addEventListener('click', () => void openEntry(nearest.id, group.examples));
        item.append(add);
      }
      list.append(item);
    }
  }

  let allEntries = [];
  async function loadEntries() {
    const { status, body } = await api('GET', `${API}/entries`);
    if (status !== 200) return;
    allEntries = body;
    renderEntries();
  }

  function renderEntries() {
    const filter = $('entry-filter').value.trim().toLowerCase();
    const list = $('entries');
    list.replaceChildren();
    for (const entry of allEntries.filter((e) => !filter || e.id.includes(filter) || e.title.toLowerCase().includes(filter))) {
      const item = el('li');
      const open = el('button', entry.title);
      open.type = 'button';
      open.addEventListener('click', () => void openEntry(entry.id, []));
      item.append(open);
      const review = { ok: '', due: ' · à revoir bientôt', overdue: ' · revue en retard' }[entry.review];
      item.append(el('span', ` (${entry.id}${entry.departements.length ? `, ${entry.departements.join(', ')}` : ''})${review}`, `review-${entry.review}`));
      list.append(item);
    }
  }
  $('entry-filter').addEventListener('input', renderEntries);

  async function openEntry(id, newQuestions) {
    const { status, body } = await api('GET', `${API}/entries/${encodeURIComponent(id)}`);
    if (status !== 200) return;
    editing = body;
    const front = body.frontMatter;
    $('edit-none').hidden = true;
    $('edit-form').hidden = false;
    $('edit-id').textContent = body.id;
    $('edit-file').textContent = body.file;
    $('f-title').value = front.title ?? '';
    const questions = [...(front.questions ?? [])];
    for (const q of newQuestions) if (!questions.includes(q)) questions.push(q);
    $('f-questions').value = questions.join('\n');
    $('f-answer').value = front.answer ?? '';
    $('f-verified').value = front.verified_on ?? '';
    $('f-review').value = front.review_by ?? '';
    const other = {};
    for (const [key, value] of Object.entries(front)) if (!MAIN_FIELDS.includes(key)) other[key] = value;
    $('f-other').value = JSON.stringify(other, null, 2);
    $('f-body').value = body.body ?? '';
    $('publish-result').replaceChildren();
    $('f-questions').focus();
    void loadVersions(body.id);
  }

  async function loadVersions(id) {
    const { status, body } = await api('GET', `${API}/entries/${encodeURIComponent(id)}/versions`);
    const list = $('versions');
    list.replaceChildren();
    $('versions-block').hidden = status !== 200 || body.length === 0;
    if (status !== 200) return;
    for (const version of body) {
      const when = new Date(version.publishedAt).toLocaleString('fr-FR');
      const item = el('li', `${when}, par ${version.actorName || 'inconnu'}${version.created ? ' (création)' : ''} `);
      if (!version.created) {
        const undo = el('button', 'Annuler cette publication', 'btn btn-small');
        undo.type = 'button';
        undo.dataset.version = version.id;
        undo.addEventListener('click', async () => {
          const result = $('publish-result');
          result.replaceChildren();
          const res = await api('POST', `${API}/entries/${encodeURIComponent(id)}/revert`, { versionId: version.id });
          if (res.status === 200) {
            await openEntry(id, []);
            $('publish-result').append(el('p', 'Publication annulée : la version d’avant est de nouveau en ligne.', 'ok'));
          } else {
            result.append(el('p', res.body && res.body.error ? res.body.error.message : 'Annulation impossible : la version d’avant ne passe plus les vérifications.', 'issue-error'));
            const issues = el('ul');
            for (const issue of (res.body && res.body.issues) || []) issues.append(el('li', `${issue.severity === 'error' ? 'Erreur' : 'Attention'} (ligne ${issue.line}) : ${issue.message}`, `issue-${issue.severity}`));
            result.append(issues);
          }
        });
        item.append(undo);
      }
      list.append(item);
    }
  }

  $('edit-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const result = $('publish-result');
    result.replaceChildren();
    let other;
    try {
      other = JSON.parse($('f-other').value || '{}');
    } catch (error) {
      result.append(el('p', `Les autres champs ne sont pas du JSON valide : ${error.message}`, 'issue-error'));
      return;
    }
    const frontMatter = {
      id: editing.id,
      title: $('f-title').value,
      ...other,
      questions: $('f-questions').value.split('\n').map((q) => q.trim()).filter(Boolean),
      answer: $('f-answer').value,
      verified_on: $('f-verified').value,
      review_by: $('f-review').value,
    };
    const { status, body } = await api('PUT', `${API}/entries/${encodeURIComponent(editing.id)}`, { frontMatter, body: $('f-body').value });
    if (status === 200) {
      result.append(el('p', `Publié : ${body.file}. Le bot répond déjà avec cette version.`, 'ok'));
    } else if (body && body.issues) {
      result.append(el('p', 'Pas publié : corrige ces points.', 'issue-error'));
    } else {
      result.append(el('p', body && body.error ? body.error.message : 'Publication impossible.', 'issue-error'));
    }
    const issues = el('ul');
    for (const issue of (body && body.issues) || []) issues.append(el('li', `${issue.severity === 'error' ? 'Erreur' : 'Attention'} (ligne ${issue.line}) : ${issue.message}`, `issue-${issue.severity}`));
    result.append(issues);
    if (status === 200) {
      void loadEntries();
      void loadGroups();
      void loadVersions(editing.id);
    }
  });

  $('ask-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const out = $('ask-result');
    out.replaceChildren(el('p', 'Recherche…', 'help'));
    const { status, body } = await api('POST', `${API}/ask`, { question: $('ask-question').value, departement: $('ask-departement').value || undefined });
    out.replaceChildren();
    if (status !== 200) {
      out.append(el('p', body && body.error ? body.error.message : 'Impossible de tester.', 'issue-error'));
      return;
    }
    out.append(el('p', body.confident ? `Le bot répond avec « ${body.entryId} » (confiance ${body.confidence}) :` : `Le bot ne répond pas : il propose une personne (confiance ${body.confidence}).`, body.confident ? 'ok' : 'issue-warning'));
    if (body.confident) out.append(el('div', body.answer, 'answer'));
    const ranked = el('ol');
    for (const r of body.ranked) ranked.append(el('li', `${r.title} (${r.entryId}) : ${r.score}`));
    out.append(el('p', 'Fiches classées par la recherche :', 'help'), ranked);
  });

  void start();
})();
