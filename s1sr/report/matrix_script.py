"""The script of ``matrix.html``: filters and the evidence dialog.

It builds every piece of text with ``textContent`` (never ``innerHTML``): evidence is device
data. The page's Content-Security-Policy allows this script by its hash and nothing else.
State lives in the URL fragment (``#v=FAIL,ERROR&type=ESME&family=utrn&q=text&cell=M|C``),
so a link opens the same view.
"""

SCRIPT = r"""
'use strict';
(function () {
  const data = JSON.parse(document.getElementById('s1sr-data').textContent);
  const table = document.getElementById('matrix');
  const rows = Array.from(table.tBodies[0].rows);
  const clauseHeads = Array.from(table.querySelectorAll('thead th.clause'));
  const verdictBoxes = Array.from(document.querySelectorAll('#filters input[name=verdict]'));
  const typeSelect = document.getElementById('f-type');
  const familySelect = document.getElementById('f-family');
  const textInput = document.getElementById('f-text');
  const countOut = document.getElementById('f-count');
  const empty = document.getElementById('empty');
  const dialog = document.getElementById('evidence');
  const body = document.getElementById('ev-body');
  const title = document.getElementById('ev-title');
  const LETTER = {PASS: 'P', FAIL: 'F', ERROR: 'E', INCONCLUSIVE: 'I', NOT_APPLICABLE: 'N', NOT_RUN: '\u2013'};
  const UNDER_TEST = 'exchange under test';
  const SETUP_STEP = 'setup step';
  let selected = null;

  function lower(parts) { return parts.filter(function (p) { return p; }).join(' ').toLowerCase(); }
  const rowText = rows.map(function (tr) {
    const m = data.models[tr.dataset.model] || {};
    return lower([m.id, m.manufacturer, m.model, m.device_type, m.firmware_declared,
                  (m.firmware_read || []).join(' ')]);
  });
  const colText = clauseHeads.map(function (th) {
    const c = data.clauses[th.dataset.clause] || {};
    return lower([c.id, c.title, c.family, c.family_title, (c.srvs || []).join(' ')]);
  });
  function pairOf(m, c) { return (data.pairs[m] || {})[c] || null; }
  function cellsOf(tr) { return Array.from(tr.cells).slice(1); }

  function readFilters() {
    return {
      verdicts: new Set(verdictBoxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; })),
      type: typeSelect.value,
      family: familySelect.value,
      q: textInput.value.trim().toLowerCase(),
    };
  }

  function apply() {
    const f = readFilters();
    const typeOk = rows.map(function (tr) { return !f.type || tr.dataset.type === f.type; });
    const famOk = clauseHeads.map(function (th) { return !f.family || th.dataset.family === f.family; });
    const match = rows.map(function (tr, i) {
      return cellsOf(tr).map(function (td, j) {
        if (!f.verdicts.has(td.dataset.verdict)) { return false; }
        if (!f.q) { return true; }
        const pair = pairOf(tr.dataset.model, td.dataset.clause);
        return rowText[i].includes(f.q) || colText[j].includes(f.q) ||
          (pair !== null && (pair.reason || '').toLowerCase().includes(f.q)) ||
          td.dataset.verdict.toLowerCase() === f.q;
      });
    });
    const rowShow = rows.map(function (tr, i) {
      return typeOk[i] && match[i].some(function (ok, j) { return ok && famOk[j]; });
    });
    const colShow = clauseHeads.map(function (th, j) {
      return famOk[j] && rows.some(function (tr, i) { return typeOk[i] && match[i][j]; });
    });
    let shown = 0;
    rows.forEach(function (tr, i) {
      tr.hidden = !rowShow[i];
      cellsOf(tr).forEach(function (td, j) {
        td.hidden = !colShow[j];
        td.classList.toggle('dim', !match[i][j]);
        if (rowShow[i] && colShow[j] && match[i][j]) { shown += 1; }
      });
    });
    clauseHeads.forEach(function (th, j) { th.hidden = !colShow[j]; });
    const total = rows.length * clauseHeads.length;
    const na = f.verdicts.has('NOT_APPLICABLE') ? 0 :
      table.querySelectorAll('td.cell[data-verdict="NOT_APPLICABLE"]').length;
    countOut.textContent = shown + ' of ' + total + ' cells match' +
      (na ? '; ' + na + ' not applicable hidden' : '');
    empty.hidden = shown !== 0;
    table.hidden = shown === 0;
    writeHash();
  }

  function writeHash() {
    const f = readFilters();
    const parts = [];
    const asDefault = verdictBoxes.every(function (b) { return b.checked === isDefaultOn(b); });
    if (!asDefault) { parts.push('v=' + Array.from(f.verdicts).map(encodeURIComponent).join(',')); }
    if (f.type) { parts.push('type=' + encodeURIComponent(f.type)); }
    if (f.family) { parts.push('family=' + encodeURIComponent(f.family)); }
    if (textInput.value) { parts.push('q=' + encodeURIComponent(textInput.value)); }
    if (selected) { parts.push('cell=' + encodeURIComponent(selected.model) + '|' + encodeURIComponent(selected.clause)); }
    const hash = parts.length ? '#' + parts.join('&') : '';
    if (location.hash !== hash) {
      try { history.replaceState(null, '', hash || location.pathname + location.search); } catch (e) { /* file: quirks */ }
    }
  }

  function readHash() {
    const params = {};
    location.hash.replace(/^#/, '').split('&').forEach(function (part) {
      const at = part.indexOf('=');
      if (at > 0) { params[part.slice(0, at)] = part.slice(at + 1); }
    });
    function dec(v) { try { return decodeURIComponent(v); } catch (e) { return ''; } }
    if (params.v !== undefined) {
      const wanted = new Set(params.v.split(',').map(dec));
      verdictBoxes.forEach(function (b) { b.checked = wanted.has(b.value); });
    }
    if (params.type !== undefined) { setSelect(typeSelect, dec(params.type)); }
    if (params.family !== undefined) { setSelect(familySelect, dec(params.family)); }
    if (params.q !== undefined) { textInput.value = dec(params.q); }
    if (params.cell !== undefined) {
      const bar = params.cell.indexOf('|');
      if (bar > 0) { return {model: dec(params.cell.slice(0, bar)), clause: dec(params.cell.slice(bar + 1))}; }
    }
    return null;
  }

  function isDefaultOn(box) { return box.dataset.default !== 'off'; }

  function setSelect(select, value) {
    if (Array.from(select.options).some(function (o) { return o.value === value; })) { select.value = value; }
  }

  function el(tag, cls, text) {
    const node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function addRow(dl, name, value) {
    dl.appendChild(el('dt', null, name));
    dl.appendChild(el('dd', null, value === null || value === undefined || value === '' ? '\u2013' : value));
  }

  function renderLine(line) {
    if (line.kind === 'check') {
      const box = el('div', line.passed ? 'check' : 'check failed');
      box.appendChild(el('p', null, (line.passed ? '\u2713 check passed' : '\u2717 check FAILED')));
      box.appendChild(el('p', null, 'expected: ' + line.expected));
      box.appendChild(el('p', null, 'observed: ' + line.observed));
      return box;
    }
    if (line.kind === 'frame') {
      const out = line.direction === 'out';
      const box = el('div', out ? 'frame out' : 'frame in');
      const head = el('div', 'fh');
      if (line.purpose === UNDER_TEST) {
        head.appendChild(el('span', 'role under-test', 'exchange under test'));
      } else if (line.purpose === SETUP_STEP) {
        head.appendChild(el('span', 'role setup', 'setup step'));
      }
      head.appendChild(el('b', null, out ? '\u2192 to the DUT' : '\u2190 from the DUT'));
      const bits = [];
      if (line.purpose && line.purpose !== UNDER_TEST && line.purpose !== SETUP_STEP) { bits.push(line.purpose); }
      if (line.srv) { bits.push('SRV ' + line.srv); }
      if (line.request_id !== undefined && line.request_id !== null) { bits.push('request ' + line.request_id); }
      if (line.virtual_time) { bits.push('virtual ' + line.virtual_time); }
      if (line.wall_time) { bits.push('wall ' + line.wall_time); }
      bits.push(line.id);
      head.appendChild(document.createTextNode(' \u00b7 ' + bits.join(' \u00b7 ')));
      box.appendChild(head);
      box.appendChild(el('pre', 'hex', line.hex));
      if (line.rejected) { box.appendChild(el('p', 'note', 'REFUSED: ' + line.rejected)); }
      if (line.note) { box.appendChild(el('p', 'note', line.note)); }
      if (line.xml) {
        const xml = el('details');
        xml.appendChild(el('summary', null, 'DUIS XML as carried'));
        xml.appendChild(el('pre', 'json', line.xml));
        box.appendChild(xml);
      }
      const details = el('details');
      details.open = true;
      const decoded = line.decoded || {};
      const kind = [decoded.type, decoded.body && decoded.body.type, decoded.code].filter(function (p) { return p; });
      details.appendChild(el('summary', null, 'decoded: ' + (kind.join(' ') || 'JSON')));
      details.appendChild(el('pre', 'json', JSON.stringify(decoded, null, 2)));
      box.appendChild(details);
      return box;
    }
    return el('p', 'note', line.kind + ' ' + line.id);
  }

  function openCell(modelId, clauseId) {
    const pair = pairOf(modelId, clauseId);
    const model = data.models[modelId] || {id: modelId};
    const clause = data.clauses[clauseId] || {id: clauseId};
    if (selected && selected.td) { selected.td.classList.remove('selected'); }
    const td = table.querySelector('td.cell[data-model="' + CSS.escape(modelId) + '"][data-clause="' + CSS.escape(clauseId) + '"]');
    if (td) { td.classList.add('selected'); }
    selected = {model: modelId, clause: clauseId, td: td};
    body.replaceChildren();
    const verdict = pair ? pair.verdict : 'NOT_RUN';
    title.replaceChildren();
    const badge = el('span', 'swatch v-' + verdict, LETTER[verdict] || '?');
    title.appendChild(badge);
    title.appendChild(document.createTextNode(' ' + (pair ? verdict : 'not run') + ' \u2014 ' + model.id + ' \u00b7 ' + clause.id));
    const dl = el('dl');
    addRow(dl, 'clause', clause.id + (clause.title ? ': ' + clause.title : ''));
    addRow(dl, 'family', clause.family_title || clause.family);
    addRow(dl, 'Device Model', [model.id, model.manufacturer, model.model].filter(function (p) { return p; }).join(' \u00b7 ') +
      (model.device_type ? ' (' + model.device_type + ')' : ''));
    addRow(dl, 'firmware', 'declared ' + (model.firmware_declared || '?') + '; read ' +
      ((model.firmware_read || []).join(', ') || 'not read'));
    if (pair) {
      const expectation = {behaviour: 'behaviour (mapped to the clause in the DMVES)',
                           baseline: 'baseline (same device type, not mapped)',
                           'n/a': 'not applicable'}[pair.expectation] || pair.expectation;
      addRow(dl, 'expectation', expectation);
      addRow(dl, 'SRV', pair.srv);
      addRow(dl, 'verdict', pair.verdict);
      addRow(dl, 'reason', pair.reason);
    }
    body.appendChild(dl);
    if (!pair) {
      body.appendChild(el('p', 'note', 'This run did not judge this pair.'));
    } else {
      pair.tests.forEach(function (test) {
        body.appendChild(el('h3', null, test.verdict + ' \u2014 ' + test.node_id));
        if (test.reason) { body.appendChild(el('p', null, 'reason: ' + test.reason)); }
        if (!test.evidence.length) {
          body.appendChild(el('p', 'note', 'No exchanges: ' + (pair.verdict === 'NOT_APPLICABLE' ?
            'the test body does not run for a pair that is not applicable.' : 'none were recorded.')));
        }
        // The exchanges under test first; then the setup steps and checks, in their order.
        const underTest = test.evidence.filter(function (id) {
          const line = data.evidence[id];
          return line && line.kind === 'frame' && line.purpose === UNDER_TEST;
        });
        const rest = test.evidence.filter(function (id) { return underTest.indexOf(id) < 0; });
        function show(id) {
          const line = data.evidence[id];
          body.appendChild(line ? renderLine(line) : el('p', 'note', 'evidence line ' + id + ' is not in evidence.jsonl'));
        }
        if (underTest.length) {
          body.appendChild(el('h4', null, 'exchanges under test'));
          underTest.forEach(show);
          if (rest.length) { body.appendChild(el('h4', null, 'setup steps and checks, in order')); }
        }
        rest.forEach(show);
        if (test.omitted) {
          body.appendChild(el('p', 'note', test.omitted + ' more evidence lines of this test are in evidence.jsonl'));
        }
      });
    }
    if (!dialog.open) { dialog.showModal(); }
    dialog.scrollTop = 0;
    writeHash();
  }

  function closeCell() {
    if (selected && selected.td) { selected.td.classList.remove('selected'); selected.td.querySelector('.c').focus(); }
    selected = null;
    if (dialog.open) { dialog.close(); }
    writeHash();
  }

  table.addEventListener('click', function (event) {
    const button = event.target.closest('button.c');
    if (!button) { return; }
    const td = button.closest('td.cell');
    openCell(td.dataset.model, td.dataset.clause);
  });
  document.getElementById('ev-close').addEventListener('click', closeCell);
  dialog.addEventListener('close', function () { if (selected) { closeCell(); } });
  dialog.addEventListener('click', function (event) { if (event.target === dialog) { closeCell(); } });
  verdictBoxes.forEach(function (b) { b.addEventListener('change', apply); });
  typeSelect.addEventListener('change', apply);
  familySelect.addEventListener('change', apply);
  textInput.addEventListener('input', apply);
  document.getElementById('filters').addEventListener('submit', function (e) { e.preventDefault(); });
  document.getElementById('f-reset').addEventListener('click', function () {
    verdictBoxes.forEach(function (b) { b.checked = isDefaultOn(b); });
    typeSelect.value = ''; familySelect.value = ''; textInput.value = '';
    apply();
  });

  const start = readHash();
  apply();
  if (start) { openCell(start.model, start.clause); }
  document.documentElement.dataset.ready = 'true';
})();
"""
