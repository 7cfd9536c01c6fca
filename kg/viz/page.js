(function () {
  'use strict';
  var FSI = '\u2068', PDI = '\u2069';
  var view = JSON.parse(document.getElementById('kg-view-data').textContent);
  var visData = JSON.parse(document.getElementById('kg-vis-data').textContent);
  window.kgView = view;

  var UI = {
    ar: {types: 'أنواع الكيانات', predicates: 'العلاقات', confidence: 'الثقة', 'min-confidence': 'أدنى ثقة',
         'not-claimed': 'إظهار الوقائع غير المؤكدة (المنفية، المفترضة…)', 'edge-labels': 'إظهار أسماء العلاقات على الخطوط',
         documents: 'المقالات', hint: 'انقر على كيان أو علاقة لعرض التفاصيل والجمل التي وردت فيها.',
         type: 'النوع', wikidata: 'ويكي بيانات', mentioned: 'ورد في', relations: 'العلاقات',
         status: 'الحالة', conf: 'الثقة', article: 'المقالة', attribution: 'المصدر', amount: 'المبلغ',
         date: 'التاريخ', stake: 'الحصة', trigger: 'الكلمة الدالة', sentences: 'الجمل', found: 'تم العثور على: ',
         notfound: 'لا يوجد كيان بهذا الاسم', filtered: ' (مخفي بالمرشحات)', visible: 'المعروض: ',
         nodes: ' كيان، ', edges: ' علاقة', noevidence: 'لا توجد جملة مسجلة لهذه العلاقة.',
         hidden: function (h, t) { return 'يُعرض الجزء الأكثر ترابطًا فقط: أُخفي ' + h.nodes + ' كيانًا من أصل ' +
                                   t.nodes + ' و' + h.edges + ' علاقة من أصل ' + t.edges + '.'; }},
    en: {types: 'Entity types', predicates: 'Relations', confidence: 'Confidence', 'min-confidence': 'Minimum confidence',
         'not-claimed': 'Show facts not claimed (denied, hypothetical…)', 'edge-labels': 'Show relation names on edges',
         documents: 'Articles', hint: 'Click an entity or a relation to see details and the sentences it comes from.',
         type: 'Type', wikidata: 'Wikidata', mentioned: 'Mentioned in', relations: 'Relations',
         status: 'Status', conf: 'Confidence', article: 'Article', attribution: 'Attributed to', amount: 'Amount',
         date: 'Date', stake: 'Stake', trigger: 'Trigger', sentences: 'Sentences', found: 'Found: ',
         notfound: 'No entity with that name', filtered: ' (hidden by filters)', visible: 'Shown: ',
         nodes: ' entities, ', edges: ' relations', noevidence: 'No sentence recorded for this relation.',
         hidden: function (h, t) { return 'Only the most connected part is shown: ' + h.nodes + ' of ' + t.nodes +
                                   ' entities and ' + h.edges + ' of ' + t.edges + ' relations are hidden.'; }}
  };
  var lang = 'ar';
  function t(key) { return UI[lang][key]; }

  // ---- helpers: DOM built with textContent only
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        if (k === 'text') { node.textContent = attrs[k]; }
        else if (k === 'class') { node.className = attrs[k]; }
        else { node.setAttribute(k, attrs[k]); }
      });
    }
    (children || []).forEach(function (c) {
      node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    });
    return node;
  }
  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }
  function isolate(s) { return FSI + s + PDI; }
  function bdi(s) { return el('bdi', {text: s, dir: 'auto'}); }

  var DIACRITICS = /[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]/g;
  var INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
  var FOLD = {'أ': 'ا', 'إ': 'ا', 'آ': 'ا', 'ٱ': 'ا', 'ٲ': 'ا', 'ٳ': 'ا', 'ى': 'ي', 'ی': 'ي', 'ة': 'ه',
              'ک': 'ك', '«': ' ', '»': ' ', '"': ' ', '“': ' ', '”': ' ', "'": ' '};
  function normalise(s) {
    s = String(s).normalize('NFKC').replace(DIACRITICS, '').replace(INVISIBLE, '');
    s = Array.from(s).map(function (c) { return Object.prototype.hasOwnProperty.call(FOLD, c) ? FOLD[c] : c; }).join('');
    return s.toLowerCase().replace(/\s+/g, ' ').trim();
  }
  window.kgNormalise = normalise;

  var nodeById = new Map(view.nodes.map(function (n) { return [n.id, n]; }));
  var edgeById = new Map(view.edges.map(function (e) { return [e.id, e]; }));
  var docById = new Map(view.filters.documents.map(function (d) { return [d.id, d]; }));
  var typeInfo = new Map(view.legend.types.map(function (x) { return [x.type, x]; }));
  function name(n) { return lang === 'ar' ? (n.label_ar || n.label_en) : (n.label_en || n.label_ar); }
  function predName(e) { return lang === 'ar' ? e.label_ar : e.label_en; }
  function typeName(type) { var x = typeInfo.get(type); return x ? (lang === 'ar' ? x.label_ar : x.label_en) : type; }

  // ---- filters
  var state = {
    predicates: new Set(view.filters.predicates),
    types: new Set(view.filters.types),
    documents: new Set(view.filters.documents.map(function (d) { return d.id; })),
    minConfidence: 0,
    showNotClaimed: !!view.filters.show_not_claimed,
    edgeLabels: view.edges.length <= 60  // names on edges while they stay readable
  };
  function inDocs(docs) {
    return docs.length === 0 || docs.some(function (d) { return state.documents.has(d); });
  }
  function nodeVisible(n) { return !!n && state.types.has(n.type) && inDocs(n.documents); }
  function edgeVisible(e) {
    return !!e && state.predicates.has(e.predicate) && (e.claimed || state.showNotClaimed) &&
      e.confidence >= state.minConfidence - 1e-9 && inDocs(e.documents) &&
      nodeVisible(nodeById.get(e.from)) && nodeVisible(nodeById.get(e.to));
  }

  var nodes = new vis.DataSet(visData.nodes.map(function (n) {
    return Object.assign({}, n, {label: isolate(name(nodeById.get(n.id)))});
  }));
  var edges = new vis.DataSet(visData.edges);
  var nodesView = new vis.DataView(nodes, {filter: function (item) { return nodeVisible(nodeById.get(item.id)); }});
  var edgesView = new vis.DataView(edges, {filter: function (item) { return edgeVisible(edgeById.get(item.id)); }});
  var container = document.getElementById('kg-network');
  var network = new vis.Network(container, {nodes: nodesView, edges: edgesView}, visData.options);
  window.kgNetwork = network;
  window.kgData = {nodes: nodes, edges: edges};
  window.kgVisible = {nodes: nodesView, edges: edgesView};

  function ready() {
    network.setOptions({physics: false});
    if (window.kgReadyAt === undefined) { window.kgReadyAt = performance.now(); }
    document.body.setAttribute('data-ready', '1');
  }
  network.once('stabilizationIterationsDone', ready);
  if (nodesView.length === 0) { ready(); }

  function updateCounts() {
    var p = document.getElementById('kg-counts');
    p.textContent = t('visible') + nodesView.length + t('nodes') + edgesView.length + t('edges');
  }
  function refresh() { nodesView.refresh(); edgesView.refresh(); updateCounts(); }

  // ---- legend + filters
  var SHAPES = {dot: '●', square: '■', diamond: '◆', triangle: '▲', triangleDown: '▼', star: '★', hexagon: '⬢'};
  function checkbox(testid, checked, onchange) {
    var box = el('input', {type: 'checkbox', 'data-testid': testid});
    box.checked = checked;
    box.addEventListener('change', function () { onchange(box.checked); refresh(); });
    return box;
  }
  function buildControls() {
    var types = document.getElementById('kg-filter-types');
    clear(types);
    view.legend.types.forEach(function (x) {
      var sw = el('span', {class: 'kg-swatch', text: SHAPES[x.shape] || '●', 'aria-hidden': 'true'});
      sw.style.color = x.colour;
      var box = checkbox('filter-type-' + x.type, state.types.has(x.type), function (on) {
        if (on) { state.types.add(x.type); } else { state.types.delete(x.type); }
      });
      types.appendChild(el('li', {'data-type': x.type}, [el('label', null, [box, ' ', sw, ' ',
        bdi(lang === 'ar' ? x.label_ar : x.label_en), ' ', el('span', {class: 'kg-count', text: '(' + x.count + ')'})])]));
    });
    var preds = document.getElementById('kg-filter-predicates');
    clear(preds);
    view.legend.predicates.forEach(function (x) {
      var line = el('span', {class: 'kg-line', 'aria-hidden': 'true'});
      line.style.borderTopColor = x.colour;
      var box = checkbox('filter-predicate-' + x.predicate, state.predicates.has(x.predicate), function (on) {
        if (on) { state.predicates.add(x.predicate); } else { state.predicates.delete(x.predicate); }
      });
      preds.appendChild(el('li', {'data-predicate': x.predicate}, [el('label', null, [box, ' ', line, ' ',
        bdi(lang === 'ar' ? x.label_ar : x.label_en), x.symmetric ? ' ↔' : '', ' ',
        el('span', {class: 'kg-count', text: '(' + x.count + ')'})])]));
    });
    var docs = document.getElementById('kg-filter-documents');
    clear(docs);
    docs.parentElement.hidden = view.filters.documents.length === 0;
    view.filters.documents.forEach(function (d, i) {
      var box = checkbox('filter-document-' + i, state.documents.has(d.id), function (on) {
        if (on) { state.documents.add(d.id); } else { state.documents.delete(d.id); }
      });
      var label = el('label', {title: d.path}, [box, ' ', bdi(d.title || d.path)]);
      docs.appendChild(el('li', {'data-document': d.path}, [label]));
    });
    document.querySelectorAll('[data-i18n]').forEach(function (node) {
      node.textContent = t(node.getAttribute('data-i18n'));
    });
    var note = document.getElementById('kg-hidden-note');
    if (view.hidden.nodes > 0 || view.hidden.edges > 0) {
      note.textContent = t('hidden')(view.hidden, view.total);
      note.hidden = false;
    }
    updateCounts();
  }
  var conf = document.getElementById('kg-confidence');
  conf.addEventListener('input', function () {
    state.minConfidence = parseFloat(conf.value);
    document.getElementById('kg-confidence-value').textContent = state.minConfidence.toFixed(2);
    refresh();
  });
  var notClaimed = document.getElementById('kg-not-claimed');
  notClaimed.checked = state.showNotClaimed;
  notClaimed.addEventListener('change', function () { state.showNotClaimed = notClaimed.checked; refresh(); });
  var edgeLabels = document.getElementById('kg-edge-labels');
  edgeLabels.checked = state.edgeLabels;
  edgeLabels.addEventListener('change', function () { state.edgeLabels = edgeLabels.checked; relabel(); });
  relabel();

  function relabel() {
    nodes.update(view.nodes.map(function (n) { return {id: n.id, label: isolate(name(n))}; }));
    edges.update(view.edges.map(function (e) {
      return {id: e.id, label: state.edgeLabels ? isolate(predName(e)) : ' '};
    }));
  }

  // ---- side panel
  var panel = document.getElementById('kg-panel');
  function highlighted(sentence, highlights) {
    var chars = Array.from(sentence);  // offsets count code points, as in Python
    var cuts = new Set([0, chars.length]);
    highlights.forEach(function (h) { cuts.add(h.start); cuts.add(h.end); });
    var points = Array.from(cuts).filter(function (x) { return x >= 0 && x <= chars.length; })
      .sort(function (a, b) { return a - b; });
    var p = el('p', {class: 'kg-sentence', dir: 'rtl', lang: 'ar', 'data-testid': 'evidence-sentence'});
    for (var i = 0; i + 1 < points.length; i++) {
      var a = points[i], b = points[i + 1];
      var text = chars.slice(a, b).join('');
      var kinds = highlights.filter(function (h) { return h.start <= a && b <= h.end; })
        .map(function (h) { return h.kind; });
      if (kinds.indexOf('trigger') >= 0) {
        p.appendChild(el('mark', {class: 'kg-trigger', 'data-kind': 'trigger', text: text}));
      } else if (kinds.indexOf('evidence') >= 0) {
        p.appendChild(el('mark', {class: 'kg-evidence-span', 'data-kind': 'evidence', text: text}));
      } else {
        p.appendChild(document.createTextNode(text));
      }
    }
    return p;
  }
  function meta(pairs) {
    var box = el('div', {class: 'kg-meta'});
    pairs.forEach(function (kv) {
      if (kv[1] === '' || kv[1] === undefined || kv[1] === null) { return; }
      var value = kv[1] instanceof Node ? kv[1] : bdi(String(kv[1]));
      box.appendChild(el('span', {class: 'kg-pair', 'data-field': kv[0]}, [el('b', {text: t(kv[0]) + ': '}), value]));
    });
    return box;
  }
  var STATUS = {ar: {asserted: 'مؤكَّد', reported: 'منقول', planned: 'مخطَّط', denied: 'منفيّ', negated: 'منفيّ',
                     hypothetical: 'افتراضي'}};
  function statusBadge(status, claimed) {
    var label = lang === 'ar' && STATUS.ar[status] ? STATUS.ar[status] : status;
    return el('span', {class: 'kg-status' + (claimed ? '' : ' kg-not-claimed'), 'data-testid': 'edge-status',
                       'data-status': status, text: label});
  }
  function showEdge(id) {
    var e = edgeById.get(id);
    if (!e) { return; }
    clear(panel);
    panel.setAttribute('data-edge-id', e.id);
    panel.removeAttribute('data-node-id');
    var s = nodeById.get(e.from), o = nodeById.get(e.to);
    panel.appendChild(el('h2', {'data-testid': 'panel-title'}, [bdi(name(s)), e.symmetric ? ' ↔ ' : ' ← ',
      bdi(predName(e)), e.symmetric ? ' ↔ ' : ' ← ', bdi(name(o))]));
    panel.appendChild(el('p', {class: 'kg-sub'}, [statusBadge(e.status, e.claimed), ' ',
      t('conf') + ': ' + e.confidence.toFixed(2), edgesView.get(e.id) !== null ? '' :
      el('span', {'data-testid': 'panel-filtered', text: t('filtered')})]));
    panel.appendChild(el('h3', {text: t('sentences') + ' (' + e.evidence.length + ')'}));
    if (e.evidence.length === 0) { panel.appendChild(el('p', {class: 'kg-hint', text: t('noevidence')})); }
    e.evidence.forEach(function (ev) {
      var box = el('div', {class: 'kg-evidence' + (ev.claimed ? '' : ' kg-not-claimed'), 'data-testid': 'panel-evidence'});
      box.appendChild(highlighted(ev.sentence, ev.highlights));
      box.appendChild(meta([['article', ev.path], ['status', statusBadge(ev.status, ev.claimed)],
        ['conf', ev.confidence.toFixed(2)],
        ['trigger', ev.trigger], ['attribution', ev.attribution], ['amount', ev.amount], ['date', ev.date],
        ['stake', ev.stake]]));
      panel.appendChild(box);
    });
  }
  function wikidataLink(qid) {
    if (!/^Q[0-9]+$/.test(qid)) { return null; }
    var a = el('a', {target: '_blank', rel: 'noopener noreferrer', 'data-testid': 'wikidata-link', text: qid});
    a.href = ['https:', '', 'www.wikidata.org', 'wiki', qid].join('/');
    return a;
  }
  function showNode(id) {
    var n = nodeById.get(id);
    if (!n) { return; }
    clear(panel);
    panel.setAttribute('data-node-id', n.id);
    panel.removeAttribute('data-edge-id');
    panel.appendChild(el('h2', {'data-testid': 'panel-title'}, [bdi(name(n))]));
    var other = lang === 'ar' ? n.label_en : n.label_ar;
    if (other && other !== name(n)) { panel.appendChild(el('p', {class: 'kg-sub'}, [bdi(other)])); }
    panel.appendChild(meta([['type', typeName(n.type)], ['wikidata', wikidataLink(n.wikidata)]]));
    if (n.alt_labels.length) {
      panel.appendChild(el('p', {class: 'kg-meta'}, [n.alt_labels.map(isolate).join('، ')]));
    }
    if (n.documents.length) {
      panel.appendChild(el('h3', {text: t('mentioned')}));
      panel.appendChild(el('ul', null, n.documents.map(function (d) {
        var doc = docById.get(d);
        return el('li', null, [bdi(doc ? doc.path : d)]);
      })));
    }
    var related = view.edges.filter(function (e) { return e.from === n.id || e.to === n.id; });
    panel.appendChild(el('h3', {text: t('relations') + ' (' + related.length + ')'}));
    panel.appendChild(el('ul', {class: 'kg-relations'}, related.map(function (e) {
      var b = el('button', {type: 'button', 'data-edge': e.id}, [bdi(name(nodeById.get(e.from))), ' — ',
        bdi(predName(e)), ' — ', bdi(name(nodeById.get(e.to)))]);
      b.addEventListener('click', function () { window.kgSelectEdge(e.id); });
      return el('li', null, [b, ' ', statusBadge(e.status, e.claimed)]);
    })));
  }
  // vis only knows the nodes and edges the filters let through and throws on any other id, so a
  // hidden one (a denied relation listed in a node's panel, a filtered search hit) is shown in the
  // panel without being selected in the network
  window.kgSelectEdge = function (id) {
    if (edgesView.get(id) !== null) { network.selectEdges([id]); } else { network.unselectAll(); }
    showEdge(id);
  };
  window.kgSelectNode = function (id) {
    if (nodesView.get(id) !== null) { network.selectNodes([id]); } else { network.unselectAll(); }
    showNode(id);
  };
  network.on('click', function (params) {
    if (params.nodes.length) { showNode(params.nodes[0]); }
    else if (params.edges.length) { showEdge(params.edges[0]); }
  });

  // ---- search
  var names = document.getElementById('kg-names');
  var optionSeen = new Set();
  view.nodes.forEach(function (n) {
    [n.label_ar, n.label_en].concat(n.alt_labels).forEach(function (v) {
      if (v && !optionSeen.has(v)) { optionSeen.add(v); var o = document.createElement('option'); o.value = v; names.appendChild(o); }
    });
  });
  function find(query) {
    var q = normalise(query);
    if (!q) { return null; }
    var tests = [function (s) { return s === q; }, function (s) { return s.indexOf(q) === 0; },
                 function (s) { return s.indexOf(q) >= 0; }];
    for (var i = 0; i < tests.length; i++) {
      var hits = view.nodes.filter(function (n) { return n.search.some(tests[i]); });
      if (hits.length) { hits.sort(function (a, b) { return b.degree - a.degree; }); return hits[0]; }
    }
    return null;
  }
  document.getElementById('kg-search').addEventListener('submit', function (ev) {
    ev.preventDefault();
    var status = document.getElementById('kg-search-status');
    var n = find(document.getElementById('kg-search-input').value);
    if (!n) { status.textContent = t('notfound'); return; }
    var visible = nodesView.get(n.id) !== null;
    status.textContent = t('found') + isolate(name(n)) + (visible ? '' : t('filtered'));
    if (visible) { network.focus(n.id, {scale: 1.3, animation: false}); }
    window.kgSelectNode(n.id);
  });

  // ---- language
  document.querySelectorAll('#kg-lang button').forEach(function (b) {
    b.addEventListener('click', function () {
      lang = b.getAttribute('data-lang');
      document.querySelectorAll('#kg-lang button').forEach(function (x) {
        x.setAttribute('aria-pressed', String(x === b));
      });
      relabel();
      buildControls();
      var nid = panel.getAttribute('data-node-id'), eid = panel.getAttribute('data-edge-id');
      if (nid) { showNode(nid); } else if (eid) { showEdge(eid); }
    });
  });
  buildControls();
})();
