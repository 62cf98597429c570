// The editors' workspace: a thin page over /editor/api (docs/editor-api.md). No build step, no dependency.
(() => {
  'use strict';
  const API = '/editor/api';
  const $ = (id) => document.getElementById(id);
  /** Front-matter fields the form edits one by one; the others go in the JSON box. */
  const FORM_FIELDS = ['id', 'title', 'short_title', 'theme', 'scope', 'questions', 'keywords', 'answer', 'contacts', 'links', 'sources', 'related', 'verified_on', 'review_by'];
  /** Fields that have their own message list under their input; the others' messages go under the JSON box. */
  const FIELD_LISTS = new Set(['id', 'title', 'short_title', 'questions', 'keywords', 'answer', 'contacts', 'links', 'sources', 'related', 'verified_on', 'review_by', 'body']);
  const THEMES = { droits: 'Droits', argent: 'Argent', logement: 'Logement', sante: 'Santé', emploi: 'Emploi et formation', papiers: 'Papiers', urgence: 'Urgence', 'vie-quotidienne': 'Vie quotidienne', entraide: 'Entraide' };
  let csrfToken = '';
  let editing = undefined; // { id, isNew }
  let preview = { short: '', details: '', buttons: [] };
  let showDetails = false;

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

  function debounce(fn, ms) {
    let timer;
    return () => {
      clearTimeout(timer);
      timer = setTimeout(fn, ms);
    };
  }

  function showLogin() {
    $('workspace').hidden = true;
    $('login-view').hidden = false;
  }

  async function start() {
    const me = await fetch('/console/api/me', { credentials: 'same-origin' });
    if (me.status !== 200) return showLogin();
    enter(await me.json());
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
    void loadFiles();
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

  // ---- What to improve -------------------------------------------------------------------------

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
      const reasons = Object.entries(group.reasons || {});
      if (reasons.length > 0) item.append(el('p', `Raisons : ${reasons.map(([reason, n]) => `${reason} (${n})`).join(', ')}`, 'help'));
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

  // ---- Entries ---------------------------------------------------------------------------------

  let allEntries = [];
  async function loadEntries() {
    const { status, body } = await api('GET', `${API}/entries`);
    if (status !== 200) return;
    allEntries = body;
    const select = $('entry-departement');
    const chosen = select.value;
    const codes = [...new Set(body.flatMap((e) => e.departements))].sort();
    select.replaceChildren(new Option('Tous', ''), new Option('Nationales', 'national'), ...codes.map((c) => new Option(c, c)));
    select.value = chosen;
    renderEntries();
  }

  function renderEntries() {
    const filter = $('entry-filter').value.trim().toLowerCase();
    const departement = $('entry-departement').value;
    const review = $('entry-review').value;
    const shown = allEntries.filter(
      (e) =>
        (!filter || e.id.includes(filter) || e.title.toLowerCase().includes(filter)) &&
        (!departement || (departement === 'national' ? e.departements.length === 0 : e.departements.includes(departement))) &&
        (!review || (review === 'bulk' ? e.bulkStamp : e.review === review)),
    );
    $('entries-count').textContent = `${shown.length} fiche${shown.length > 1 ? 's' : ''} sur ${allEntries.length}`;
    const container = $('entries');
    container.replaceChildren();
    for (const theme of Object.keys(THEMES).filter((t) => shown.some((e) => e.theme === t))) {
      container.append(el('h3', THEMES[theme] || theme, 'theme-title'));
      const list = el('ul');
      for (const entry of shown.filter((e) => e.theme === theme)) {
        const item = el('li');
        const open = el('button', entry.title);
        open.type = 'button';
        open.addEventListener('click', () => void openEntry(entry.id, []));
        item.append(open);
        const flags = [
          entry.departements.length ? entry.departements.join(', ') : '',
          { ok: '', due: 'à revoir bientôt', overdue: 'revue en retard' }[entry.review],
          entry.bulkStamp ? `date ${entry.verifiedOn} posée en lot : à revérifier` : '',
        ].filter(Boolean);
        item.append(el('span', ` (${[entry.id, ...flags].join(' · ')})`, entry.bulkStamp ? 'review-due' : `review-${entry.review}`));
        list.append(item);
      }
      container.append(list);
    }
  }
  $('entry-filter').addEventListener('input', renderEntries);
  $('entry-departement').addEventListener('change', renderEntries);
  $('entry-review').addEventListener('change', renderEntries);

  // ---- The form --------------------------------------------------------------------------------

  const lines = (text) => text.split('\n').map((l) => l.trim()).filter(Boolean);
  const list = (text) => text.split(',').map((v) => v.trim()).filter(Boolean);
  const parts = (line) => line.split('|').map((p) => p.trim());
  const withoutEmpty = (object) => Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined && v !== ''));

  function fillForm(front, body) {
    $('f-title').value = front.title ?? '';
    $('f-short-title').value = front.short_title ?? '';
    $('f-questions').value = (front.questions ?? []).join('\n');
    $('f-keywords').value = (front.keywords ?? []).join(', ');
    $('f-answer').value = front.answer ?? '';
    $('f-contacts').value = (front.contacts ?? []).map((c) => [c.label, c.phone ?? '', c.url ?? '', c.hours ?? ''].join(' | ').replace(/( \| )+$/, '')).join('\n');
    $('f-links').value = (front.links ?? []).map((l) => `${l.label} | ${l.url}`).join('\n');
    $('f-sources').value = (front.sources ?? []).map((s) => `${s.publisher} | ${s.title} | ${s.url}`).join('\n');
    $('f-related').value = (front.related ?? []).join(', ');
    $('f-verified').value = front.verified_on ?? '';
    $('f-review').value = front.review_by ?? '';
    const other = {};
    for (const [key, value] of Object.entries(front)) if (!FORM_FIELDS.includes(key)) other[key] = value;
    $('f-other').value = Object.keys(other).length ? JSON.stringify(other, null, 2) : '';
    $('f-body').value = body ?? '';
  }

  /** The draft as the API takes it, or the reason it cannot be read. */
  function draft() {
    let other = {};
    try {
      other = $('f-other').value.trim() ? JSON.parse($('f-other').value) : {};
    } catch (error) {
      return { error: `Le champ « fiche structurée » n’est pas du JSON valide : ${error.message}` };
    }
    const scope = $('f-scope').value.trim().toLowerCase();
    const frontMatter = withoutEmpty({
      id: editing.isNew ? $('f-id').value.trim() : editing.id,
      title: $('f-title').value.trim(),
      short_title: $('f-short-title').value.trim(),
      theme: editing.isNew ? $('f-theme').value : editing.theme,
      scope: editing.isNew ? (scope === 'national' || scope === '' ? 'national' : list(scope).map((c) => c.toUpperCase())) : editing.scope,
      ...other,
      questions: lines($('f-questions').value),
      keywords: list($('f-keywords').value),
      answer: $('f-answer').value.trim(),
      contacts: lines($('f-contacts').value).map((line) => {
        const [label, phone, url, hours] = parts(line);
        return withoutEmpty({ label, phone, url, hours });
      }),
      links: lines($('f-links').value).map((line) => {
        const [label, url] = parts(line);
        return withoutEmpty({ label, url });
      }),
      sources: lines($('f-sources').value).map((line) => {
        const [publisher, title, url] = parts(line);
        return withoutEmpty({ publisher, title, url });
      }),
      related: list($('f-related').value),
      verified_on: $('f-verified').value,
      review_by: $('f-review').value,
    });
    for (const optional of ['contacts', 'links', 'related']) if (frontMatter[optional].length === 0) delete frontMatter[optional];
    // The file keeps its fields in their order, so its diff shows only what changed.
    const ordered = {};
    for (const key of [...(editing.keys || []), ...Object.keys(frontMatter)]) if (key in frontMatter) ordered[key] = frontMatter[key];
    return { frontMatter: ordered, body: $('f-body').value };
  }

  async function openEntry(id, newQuestions) {
    const { status, body } = await api('GET', `${API}/entries/${encodeURIComponent(id)}`);
    if (status !== 200) return;
    editing = { id: body.id, isNew: false, theme: body.frontMatter.theme, scope: body.frontMatter.scope, keys: Object.keys(body.frontMatter) };
    showForm(body.id, body.file);
    const questions = [...(body.frontMatter.questions ?? [])];
    for (const q of newQuestions) if (!questions.includes(q)) questions.push(q);
    fillForm({ ...body.frontMatter, questions }, body.body);
    $('f-questions').focus();
    void loadVersions(body.id);
    void checkDraft();
  }

  function newEntry() {
    editing = { id: '', isNew: true };
    showForm('nouvelle', 'créée à la publication');
    const today = new Date().toISOString().slice(0, 10);
    const review = new Date(Date.now() + 180 * 86_400_000).toISOString().slice(0, 10);
    fillForm({ verified_on: today, review_by: review }, '');
    $('f-id').value = '';
    $('f-scope').value = 'national';
    $('versions-block').hidden = true;
    $('f-id').focus();
  }

  function showForm(id, file) {
    $('edit-none').hidden = true;
    $('edit-area').hidden = false;
    $('new-fields').hidden = !editing.isNew;
    $('edit-id').textContent = id;
    $('edit-file').textContent = file;
    $('publish-result').replaceChildren();
    $('impact-result').replaceChildren();
  }

  $('f-theme').replaceChildren(...Object.entries(THEMES).map(([value, label]) => new Option(label, value)));
  $('new-entry').addEventListener('click', newEntry);

  /** A message in French (messages-fr.js), the original kept as a tooltip for whoever runs kb:check. */
  function issueItem(issue) {
    const where = issue.field || !issue.line ? '' : ` (ligne ${issue.line})`;
    const item = el('li', `${issue.severity === 'error' ? 'Erreur' : 'Attention'}${where} : ${window.relaisMessageFr(issue.message)}`, `issue-${issue.severity}`);
    item.title = issue.message;
    return item;
  }

  /** Messages under their field; those about fields without an input of their own go under the JSON box. */
  function showFieldIssues(issues) {
    for (const node of document.querySelectorAll('#edit-form .field-issues')) node.replaceChildren();
    for (const issue of issues) {
      const field = FIELD_LISTS.has(issue.field) ? issue.field : editing.isNew && ['theme', 'scope'].includes(issue.field) ? 'id' : 'other';
      document.querySelector(`#edit-form .field-issues[data-field="${field}"]`).append(issueItem(issue));
    }
  }

  function renderPhone() {
    // Server-rendered by markdown-it with every tag escaped (phone-preview.ts): the only HTML this page inserts.
    $('phone-bubble').innerHTML = showDetails ? preview.details : preview.short;
    $('phone-buttons').replaceChildren(...preview.buttons.map((label) => el('span', label, 'bubble-button')));
    $('show-short').setAttribute('aria-pressed', String(!showDetails));
    $('show-details').setAttribute('aria-pressed', String(showDetails));
    $('show-short').classList.toggle('btn-secondary', showDetails);
    $('show-details').classList.toggle('btn-secondary', !showDetails);
  }
  $('show-short').addEventListener('click', () => {
    showDetails = false;
    renderPhone();
  });
  $('show-details').addEventListener('click', () => {
    showDetails = true;
    renderPhone();
  });

  /** kb:check's checks and the phone preview, a moment after each change. */
  async function checkDraft() {
    if (!editing) return;
    const current = draft();
    if (current.error) {
      showFieldIssues([{ field: 'other', severity: 'error', message: current.error }]);
      return;
    }
    $('check-state').textContent = 'Vérification…';
    const { status, body } = await api('POST', `${API}/check`, current);
    if (status !== 200) {
      $('check-state').textContent = body && body.error ? body.error.message : 'Vérification impossible.';
      return;
    }
    showFieldIssues(body.issues);
    const errors = body.issues.filter((i) => i.severity === 'error').length;
    $('check-state').textContent = errors ? `${errors} erreur${errors > 1 ? 's' : ''} à corriger avant de publier.` : 'Aucune erreur : la fiche peut être publiée.';
    if (body.preview) {
      preview = body.preview;
      renderPhone();
    } else {
      $('phone-bubble').replaceChildren(el('p', 'Aperçu impossible tant que les erreurs ne sont pas corrigées.', 'help'));
      $('phone-buttons').replaceChildren();
    }
  }
  $('edit-form').addEventListener('input', debounce(() => void checkDraft(), 500));

  $('impact').addEventListener('click', async () => {
    const out = $('impact-result');
    const current = draft();
    if (current.error) return out.replaceChildren(el('p', current.error, 'issue-error'));
    out.replaceChildren(el('p', 'Je compare les réponses avant et après ta modification (quelques secondes)…', 'help'));
    const { status, body } = await api('POST', `${API}/impact`, current);
    out.replaceChildren();
    if (status !== 200) return out.append(el('p', body && body.error ? body.error.message : 'Comparaison impossible.', 'issue-error'));
    const compared = `${body.compared.eval} questions de référence et ${body.compared.asked} questions posées par des jeunes`;
    if (body.changes.length === 0) return out.append(el('p', `Aucune réponse ne change parmi ${compared}.`, 'ok'));
    out.append(el('p', `${body.changes.length} réponse${body.changes.length > 1 ? 's changent' : ' change'} parmi ${compared} :`, 'help'));
    const changes = el('ul', undefined, 'impact');
    const name = (e) => (e ? `« ${e.title} »` : 'une personne (pas de réponse)');
    for (const change of body.changes) {
      const verdict = change.from === 'eval' ? (change.rightAfter && !change.rightBefore ? ' ✓ devient juste' : change.rightBefore && !change.rightAfter ? ' ✗ devient faux' : '') : '';
      const item = el('li', `« ${change.question} »${change.departement ? ` (${change.departement})` : ''} : ${name(change.before)} → ${name(change.after)}${verdict}`);
      if (verdict.includes('✗')) item.className = 'issue-error';
      changes.append(item);
    }
    out.append(changes);
  });

  async function loadVersions(id) {
    const { status, body } = await api('GET', `${API}/entries/${encodeURIComponent(id)}/versions`);
    renderVersions($('versions'), status === 200 ? body : [], async (version) => {
      const res = await api('POST', `${API}/entries/${encodeURIComponent(id)}/revert`, { versionId: version.id });
      if (res.status === 200) {
        await openEntry(id, []);
        $('publish-result').append(el('p', 'Publication annulée : la version d’avant est de nouveau en ligne.', 'ok'));
      } else {
        showResult($('publish-result'), res, 'Annulation impossible : la version d’avant ne passe plus les vérifications.');
      }
    });
    $('versions-block').hidden = status !== 200 || body.length === 0;
  }

  function renderVersions(list, versions, undo) {
    list.replaceChildren();
    for (const version of versions) {
      const when = new Date(version.publishedAt).toLocaleString('fr-FR');
      const item = el('li', `${when}, par ${version.actorName || 'inconnu'}${version.created ? ' (création)' : ''} `);
      if (!version.created) {
        const button = el('button', 'Annuler cette publication', 'btn btn-small');
        button.type = 'button';
        button.dataset.version = version.id;
        button.addEventListener('click', () => void undo(version));
        item.append(button);
      }
      list.append(item);
    }
  }

  function showResult(out, res, fallback) {
    out.replaceChildren(el('p', res.body && res.body.issues ? 'Pas publié : corrige ces points.' : res.body && res.body.error ? res.body.error.message : fallback, 'issue-error'));
    const issues = el('ul');
    for (const issue of (res.body && res.body.issues) || []) issues.append(issueItem(issue));
    out.append(issues);
  }

  $('edit-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const result = $('publish-result');
    result.replaceChildren();
    const current = draft();
    if (current.error) return result.append(el('p', current.error, 'issue-error'));
    const res = editing.isNew ? await api('POST', `${API}/entries`, current) : await api('PUT', `${API}/entries/${encodeURIComponent(editing.id)}`, current);
    if (res.status !== 200 && res.status !== 201) return showResult(result, res, 'Publication impossible.');
    result.append(el('p', `Publié : ${res.body.file}. Le bot répond déjà avec cette version.`, 'ok'));
    const warnings = el('ul');
    for (const issue of res.body.issues) warnings.append(issueItem(issue));
    result.append(warnings);
    if (editing.isNew) {
      editing = { id: current.frontMatter.id, isNew: false, theme: current.frontMatter.theme, scope: current.frontMatter.scope };
      $('new-fields').hidden = true;
      $('edit-id').textContent = editing.id;
      $('edit-file').textContent = res.body.file;
    }
    void loadEntries();
    void loadGroups();
    void loadVersions(editing.id);
  });

  // ---- Places and menu -------------------------------------------------------------------------

  let openFile = undefined;
  async function loadFiles() {
    const { status, body } = await api('GET', `${API}/files`);
    if (status !== 200) return;
    const select = $('file-choice');
    const chosen = select.value;
    select.replaceChildren(...body.map((f) => new Option(f.kind === 'directory' ? `${f.label} : ${f.places} lieu${f.places > 1 ? 'x' : ''}` : f.label, f.file)));
    if (chosen) select.value = chosen;
  }

  async function showFile(file) {
    const { status, body } = await api('GET', `${API}/files/content?path=${encodeURIComponent(file)}`);
    if (status !== 200) {
      $('file-form').hidden = true;
      return void $('file-result').replaceChildren();
    }
    openFile = file;
    $('file-form').hidden = false;
    $('file-name').textContent = file;
    $('file-text').value = body.text;
    $('file-result').replaceChildren(body.exists ? '' : el('p', 'Ce fichier n’existe pas encore : il sera créé à la publication.', 'help'));
    void checkFile();
    void loadFileVersions();
  }

  $('file-open').addEventListener('click', async () => {
    const code = $('file-new-departement').value.trim().toUpperCase();
    const file = code ? `directory/${code}.yaml` : $('file-choice').value;
    if (!file) return;
    const { status, body } = await api('GET', `${API}/files/content?path=${encodeURIComponent(file)}`);
    if (status !== 200) {
      $('file-form').hidden = true;
      return void $('files-title').after(el('p', body && body.error ? body.error.message : 'Fichier inconnu.', 'issue-error'));
    }
    await showFile(file);
  });

  async function checkFile() {
    if (!openFile) return;
    const { status, body } = await api('POST', `${API}/files/check?path=${encodeURIComponent(openFile)}`, { text: $('file-text').value });
    const list = $('file-issues');
    list.replaceChildren();
    if (status !== 200) return;
    if (body.issues.length === 0) list.append(el('li', 'Aucune erreur : le fichier peut être publié.', 'ok'));
    for (const issue of body.issues) list.append(issueItem(issue));
  }
  $('file-text').addEventListener('input', debounce(() => void checkFile(), 500));

  async function loadFileVersions() {
    const file = openFile;
    const { status, body } = await api('GET', `${API}/files/versions?path=${encodeURIComponent(file)}`);
    renderVersions($('file-versions'), status === 200 ? body : [], async (version) => {
      const res = await api('POST', `${API}/files/revert?path=${encodeURIComponent(file)}`, { versionId: version.id });
      if (res.status !== 200) return showResult($('file-result'), res, 'Annulation impossible.');
      await showFile(file);
      $('file-result').replaceChildren(el('p', 'Publication annulée : la version d’avant est de nouveau en ligne.', 'ok'));
      void loadFiles();
    });
  }

  $('file-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const res = await api('PUT', `${API}/files/content?path=${encodeURIComponent(openFile)}`, { text: $('file-text').value });
    if (res.status !== 200 && res.status !== 201) return showResult($('file-result'), res, 'Publication impossible.');
    $('file-result').replaceChildren(el('p', `Publié : ${res.body.file}. Le bot l’utilise déjà.`, 'ok'));
    void loadFiles();
    void loadFileVersions();
  });

  // ---- Test pane -------------------------------------------------------------------------------

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
    if (body.confident) {
      const bubble = el('div', undefined, 'bubble answer');
      // Server-rendered by markdown-it with every tag escaped (phone-preview.ts), as Web Chat shows it.
      bubble.innerHTML = body.html;
      out.append(bubble);
    }
    const ranked = el('ol');
    for (const r of body.ranked) ranked.append(el('li', `${r.title} (${r.entryId}) : ${r.score}`));
    out.append(el('p', 'Fiches classées par la recherche :', 'help'), ranked);
  });

  void start();
})();
