/* xinzhi-kg map: reads the JSON block, draws it with vis-network, explains what is clicked.
 *
 * Every string that comes from the graph is put into the page with textContent or as a
 * text node, never as HTML. Positions are precomputed, so physics stays off; "整理布局" and
 * focusing a neighbourhood run a bounded simulation on what is shown and switch it off again
 * (a focus puts the positions back when it ends). Moves are instant:
 * vis-network animates per frame, which crawls when a frame of a big graph is slow.
 * window.kgMap exposes the state to tests and to the benchmark (ready, readyAt, …).
 */
(function () {
  "use strict";
  var status = document.getElementById("status");
  var api = (window.kgMap = { ready: false, readyAt: null, error: null, busy: false, timings: { script: performance.now() } });

  function fail(message) {
    api.error = message;
    status.textContent = message;
    status.className = "error";
  }
  window.addEventListener("error", function (ev) { fail("页面脚本出错：" + ev.message); });
  if (typeof vis === "undefined" || !vis.Network) {
    fail("无法加载 vis-network（页面不完整）");
    return;
  }

  var data = JSON.parse(document.getElementById("kg-data").textContent);
  api.timings.parsed = performance.now();
  var nodes = data.nodes, edges = data.edges, types = data.types, rels = data.rels;
  var N = nodes.length, M = edges.length, large = data.large;
  var $ = function (id) { return document.getElementById(id); };

  /* ---------------------------------------------------------------- DOM helpers */

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function append(parent) {
    for (var i = 1; i < arguments.length; i++) {
      var c = arguments[i];
      if (c === null || c === undefined) continue;
      parent.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    }
    return parent;
  }
  function linkButton(text, onClick, title) {
    var b = el("button", "link", text);
    b.type = "button";
    if (title) b.title = title;
    b.addEventListener("click", onClick);
    return b;
  }

  var SVG = "http://www.w3.org/2000/svg";
  function swatch(shape, color, line) {
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("width", "16");
    svg.setAttribute("height", "16");
    svg.setAttribute("viewBox", "0 0 16 16");
    svg.setAttribute("aria-hidden", "true");
    var s;
    if (line) {
      s = document.createElementNS(SVG, "line");
      s.setAttribute("x1", "1"); s.setAttribute("y1", "8"); s.setAttribute("x2", "15"); s.setAttribute("y2", "8");
      s.setAttribute("stroke", color); s.setAttribute("stroke-width", "3");
    } else if (shape === "dot") {
      s = document.createElementNS(SVG, "circle");
      s.setAttribute("cx", "8"); s.setAttribute("cy", "8"); s.setAttribute("r", "6");
    } else {
      var pts = {
        diamond: "8,1 15,8 8,15 1,8",
        square: "2,2 14,2 14,14 2,14",
        triangle: "8,1 15,14 1,14",
        hexagon: "4,1.5 12,1.5 15.5,8 12,14.5 4,14.5 0.5,8",
      }[shape] || "2,2 14,2 14,14 2,14";
      s = document.createElementNS(SVG, "polygon");
      s.setAttribute("points", pts);
    }
    if (!line) { s.setAttribute("fill", color); s.setAttribute("stroke", "#555"); s.setAttribute("stroke-width", "0.6"); }
    svg.appendChild(s);
    return svg;
  }

  /* Text with every occurrence of the given terms wrapped in <mark> (longest first, no overlaps). */
  function marked(text, terms) {
    var spans = [];
    terms.filter(Boolean).sort(function (a, b) { return b.length - a.length; }).forEach(function (t) {
      for (var at = text.indexOf(t); at >= 0; at = text.indexOf(t, at + t.length)) {
        var end = at + t.length;
        if (!spans.some(function (s) { return at < s[1] && end > s[0]; })) spans.push([at, end]);
      }
    });
    spans.sort(function (a, b) { return a[0] - b[0]; });
    var q = el("q"), pos = 0;
    spans.forEach(function (s) {
      append(q, text.slice(pos, s[0]), el("mark", null, text.slice(s[0], s[1])));
      pos = s[1];
    });
    append(q, text.slice(pos));
    return q;
  }

  /* ---------------------------------------------------------------- graph state */

  var outEdges = [], inEdges = [], degree = new Int32Array(N);
  for (var i = 0; i < N; i++) { outEdges.push([]); inEdges.push([]); }
  edges.forEach(function (e, j) {
    outEdges[e.h].push(j);
    inEdges[e.t].push(j);
    degree[e.h]++;
    degree[e.t]++;
  });
  var typeCount = types.map(function () { return 0; });
  nodes.forEach(function (n) { typeCount[n.t]++; });
  var relCount = rels.map(function () { return 0; });
  edges.forEach(function (e) { relCount[e.r]++; });

  var typeOn = types.map(function () { return true; });
  var relOn = rels.map(function () { return true; });
  var focus = null, focusLabel = "", hideIsolated = false;
  var nodeShown = new Uint8Array(N).fill(1), edgeShown = new Uint8Array(M).fill(1);
  var shownNodes = N, shownEdges = M;

  function terms(i) { return [nodes[i].n].concat(nodes[i].a || []); }
  function nodeSize(m) { return Math.min(40, 6 + 4.5 * Math.log2(1 + Math.max(0, m))); }

  var groups = {};
  types.forEach(function (t) {
    groups[t.id] = {
      shape: t.shape,
      color: { background: t.color, border: "#4a4a4a", highlight: { background: t.color, border: "#000" },
               hover: { background: t.color, border: "#000" } },
    };
  });

  var visNodes = new vis.DataSet(nodes.map(function (n, i) {
    var t = types[n.t];
    return {
      id: i, label: n.n, group: t.id, x: n.x, y: n.y, size: nodeSize(n.m),
      title: n.n + "（" + t.label + "）· 提及 " + n.m + " 次",
    };
  }));

  var pairSeen = new Map();
  var visEdges = new vis.DataSet(edges.map(function (e, j) {
    var r = rels[e.r];
    var item = {
      id: j, from: e.h, to: e.t, label: r.label,
      color: { color: r.color, highlight: r.color, hover: r.color, opacity: 0.75 },
      title: nodes[e.h].n + " —" + r.label + "→ " + nodes[e.t].n,
    };
    if (r.symmetric) item.arrows = { to: { enabled: false } };
    var pair = e.h < e.t ? e.h + "-" + e.t : e.t + "-" + e.h;
    var k = pairSeen.get(pair) || 0;
    pairSeen.set(pair, k + 1);
    if (k > 0) item.smooth = { enabled: true, type: k % 2 ? "curvedCW" : "curvedCCW", roundness: 0.15 * Math.ceil(k / 2) };
    return item;
  }));

  var options = {
    autoResize: true,
    groups: groups,
    nodes: {
      borderWidth: 1, borderWidthSelected: 3,
      font: { face: data.font, size: 14, color: "#222", strokeWidth: 3, strokeColor: "#ffffff" },
    },
    edges: {
      width: 1, selectionWidth: 1, smooth: false,
      arrows: { to: { enabled: false, scaleFactor: 0.5 } },  /* switched on by updateArrows() */
      font: { face: data.font, size: 11, color: "#555", strokeWidth: 3, strokeColor: "#ffffff", align: "middle" },
    },
    physics: {
      enabled: false, solver: "barnesHut",
      barnesHut: { springLength: 120, springConstant: 0.04, gravitationalConstant: -3000, centralGravity: 0.05, avoidOverlap: 0.2 },
      stabilization: { enabled: true, iterations: 150, updateInterval: 25, fit: false },
    },
    layout: { improvedLayout: false },
    interaction: {
      hover: !large, tooltipDelay: 250, hideEdgesOnDrag: large, hideEdgesOnZoom: large,
      multiselect: false, keyboard: false, navigationButtons: false,
    },
  };

  api.timings.datasets = performance.now();
  var network = new vis.Network($("graph"), { nodes: visNodes, edges: visEdges }, options);
  api.timings.network = performance.now();
  network.once("afterDrawing", function () {
    api.readyAt = performance.now();
    api.ready = true;
    document.documentElement.setAttribute("data-ready", "true");
    status.className = "done";
  });

  /* Arrowheads too small to see still cost most of a big graph's frame: drop them when zoomed out. */
  var ARROW_MIN_SCALE = 0.35, arrowsOn = false;
  function updateArrows() {
    var want = network.getScale() >= ARROW_MIN_SCALE;
    if (want !== arrowsOn) {
      arrowsOn = want;
      network.setOptions({ edges: { arrows: { to: { enabled: want, scaleFactor: 0.5 } } } });
    }
  }
  network.on("zoom", updateArrows);
  network.on("afterDrawing", updateArrows);  /* catches moves made through the API, too */
  function fit(ids) {
    network.fit(ids ? { nodes: ids, animation: false } : { animation: false });
    updateArrows();
  }
  fit();

  /* ---------------------------------------------------------------- filters */

  function applyFilters() {
    var nodeChanges = [], edgeChanges = [];
    shownNodes = 0;
    shownEdges = 0;
    for (var i = 0; i < N; i++) {
      var s = typeOn[nodes[i].t] && (!focus || focus.has(i)) && !(hideIsolated && degree[i] === 0) ? 1 : 0;
      if (s !== nodeShown[i]) { nodeShown[i] = s; nodeChanges.push({ id: i, hidden: !s }); }
      shownNodes += s;
    }
    for (var j = 0; j < M; j++) {
      var e = edges[j];
      var t = relOn[e.r] && nodeShown[e.h] && nodeShown[e.t] ? 1 : 0;
      if (t !== edgeShown[j]) { edgeShown[j] = t; edgeChanges.push({ id: j, hidden: !t }); }
      shownEdges += t;
    }
    if (nodeChanges.length) visNodes.update(nodeChanges);
    if (edgeChanges.length) visEdges.update(edgeChanges);
    updateStats();
  }

  function updateStats() {
    var stats = $("stats");
    stats.textContent = (shownNodes === N ? "节点 " + N : "节点 " + shownNodes + " / " + N) + " · " +
      (shownEdges === M ? "关系 " + M : "关系 " + shownEdges + " / " + M);
    stats.setAttribute("data-nodes", String(N));
    stats.setAttribute("data-edges", String(M));
    stats.setAttribute("data-nodes-shown", String(shownNodes));
    stats.setAttribute("data-edges-shown", String(shownEdges));
    var note = $("focus-note");
    note.hidden = !focus;
    note.textContent = focus ? "只显示：" + focusLabel + "（“显示全部”恢复）" : "";
  }

  function filterRow(list, label, en, count, svg, onChange, attr, value) {
    var li = el("li"), lab = el("label"), box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.setAttribute(attr, value);
    box.addEventListener("change", function () { onChange(box.checked); });
    append(lab, box, svg, el("span", null, label), en ? el("span", "en", en) : null, el("span", count ? "count" : "count none", count));
    list.appendChild(append(li, lab));
    return box;
  }

  var typeBoxes = types.map(function (t, k) {
    return filterRow($("type-filters"), t.label, t.id, typeCount[k], swatch(t.shape, t.color, false),
      function (on) { typeOn[k] = on; applyFilters(); }, "data-type", t.id);
  });
  var relBoxes = rels.map(function (r, k) {
    return filterRow($("rel-filters"), r.label, r.id, relCount[k], swatch(null, r.color, true),
      function (on) { relOn[k] = on; applyFilters(); }, "data-rel", r.id);
  });
  $("hide-isolated").addEventListener("change", function (ev) { hideIsolated = ev.target.checked; applyFilters(); });

  /* A focus tidies its nodes with physics; their positions from before come back when it ends. */
  var saved = null;
  function clearFocus() {
    focus = null;
    if (saved) {
      visNodes.update(Object.keys(saved).map(function (id) { return { id: +id, x: saved[id].x, y: saved[id].y }; }));
      saved = null;
    }
  }

  function showAll() {
    clearFocus();
    hideIsolated = false;
    $("hide-isolated").checked = false;
    typeOn.fill(true);
    relOn.fill(true);
    typeBoxes.concat(relBoxes).forEach(function (b) { b.checked = true; });
    applyFilters();
    fit();
  }
  $("show-all").addEventListener("click", showAll);

  var RELAX_MAX_NODES = 300;
  function focusOn(set, label, centre) {
    clearFocus();
    focus = set;
    focusLabel = label;
    applyFilters();
    var ids = Array.from(set).filter(function (i) { return nodeShown[i]; });
    if (ids.length <= RELAX_MAX_NODES && !geoOn) {  /* the geographic view keeps places where they are */
      saved = network.getPositions(ids);
      if (centre !== undefined) ring(centre, ids);
      relax(ids);
    } else {
      fit(ids);
    }
  }

  /* Start a neighbourhood as a ring round its centre, keeping each neighbour's direction order. */
  function ring(centre, ids) {
    var c = saved[centre], others = ids.filter(function (i) { return i !== centre; });
    var radius = Math.max(200, others.length * 40 / (2 * Math.PI));
    others.sort(function (a, b) {
      return Math.atan2(saved[a].y - c.y, saved[a].x - c.x) - Math.atan2(saved[b].y - c.y, saved[b].x - c.x);
    });
    visNodes.update(others.map(function (i, k) {
      var angle = -Math.PI + 2 * Math.PI * (k + 0.5) / others.length;
      return { id: i, x: c.x + radius * Math.cos(angle), y: c.y + radius * Math.sin(angle) };
    }));
  }

  function neighbourhood(i) {
    var set = new Set([i]);
    outEdges[i].concat(inEdges[i]).forEach(function (j) {
      if (relOn[edges[j].r]) { set.add(edges[j].h); set.add(edges[j].t); }
    });
    return set;
  }
  function focusNeighbourhood(i) {
    focusOn(neighbourhood(i), nodes[i].n + " 的邻域", i);
    network.selectNodes([i]);
    showNode(i);
  }

  /* Make node i visible (its type on, outside any focus that excludes it). */
  function reveal(i) {
    var changed = false;
    if (!typeOn[nodes[i].t]) { typeOn[nodes[i].t] = true; typeBoxes[nodes[i].t].checked = true; changed = true; }
    if (focus && !focus.has(i)) { clearFocus(); changed = true; }
    if (hideIsolated && degree[i] === 0) { hideIsolated = false; $("hide-isolated").checked = false; changed = true; }
    if (changed) applyFilters();
  }

  function selectNode(i, move) {
    reveal(i);
    network.selectNodes([i]);
    if (move) {
      network.focus(i, { scale: Math.max(network.getScale(), 1.0), animation: false });
      updateArrows();
    }
    showNode(i);
  }
  function selectEdge(j) {
    var e = edges[j];
    reveal(e.h);
    reveal(e.t);
    if (!relOn[e.r]) { relOn[e.r] = true; relBoxes[e.r].checked = true; applyFilters(); }
    network.selectEdges([j]);
    showEdge(j);
  }

  /* ---------------------------------------------------------------- documents */

  $("doc-count").textContent = "(" + data.docs.length + ")";
  data.docs.forEach(function (d, k) {
    var li = el("li", null, d.f);
    li.title = "只显示这篇文档提到的节点";
    if (d.t) li.appendChild(el("span", "doc-title", d.t));
    li.addEventListener("click", function () {
      var set = new Set();
      nodes.forEach(function (n, i) { if (n.d.indexOf(k) >= 0) set.add(i); });
      focusOn(set, d.f);
    });
    $("doc-list").appendChild(li);
  });

  /* ---------------------------------------------------------------- side panel */

  var panel = $("panel");

  function evidenceList(items, total, words) {
    var frag = document.createDocumentFragment();
    frag.appendChild(el("h3", null, "证据句（" + total + "）"));
    var ol = el("ol", "evidence-list");
    items.forEach(function (ev) {
      var li = el("li", "evidence");
      append(li, marked(data.sentences[ev[0]], words), el("span", "source", "—— " + data.docs[ev[1]].f));
      ol.appendChild(li);
    });
    frag.appendChild(ol);
    if (total > items.length) frag.appendChild(el("p", "more", "另有 " + (total - items.length) + " 句未列出；完整证据见 graph.ttl。"));
    return frag;
  }

  function row(dl, term, value) {
    dl.appendChild(el("dt", null, term));
    var dd = el("dd");
    if (value instanceof Node) dd.appendChild(value); else dd.textContent = value;
    dl.appendChild(dd);
  }

  function docNames(indexes) {
    function list(ks) {
      var ul = el("ul", "relations");
      ks.forEach(function (k) {
        var d = data.docs[k], li = el("li", null, d.f);
        if (d.t) li.title = d.t;
        ul.appendChild(li);
      });
      return ul;
    }
    if (indexes.length <= 6) return list(indexes);
    var wrap = el("div"), rest = el("details");
    rest.appendChild(el("summary", null, "另有 " + (indexes.length - 5) + " 篇"));
    rest.appendChild(list(indexes.slice(5)));
    return append(wrap, list(indexes.slice(0, 5)), rest);
  }

  function showNode(i) {
    var n = nodes[i], t = types[n.t];
    panel.replaceChildren();
    panel.setAttribute("data-kind", "node");
    panel.setAttribute("data-key", n.k);
    var badge = el("span", "badge", t.label);
    badge.style.background = t.color;
    append(panel, append(el("h2"), badge, n.n));
    var dl = el("dl");
    row(dl, "类型", t.label + "（" + t.id + "）" + (n.s ? " · " + n.s : ""));
    row(dl, "IRI", el("code", null, n.iri));
    row(dl, "别名", n.a && n.a.length ? n.a.join("、") : "—");
    row(dl, "提及", n.m + " 次");
    (n.l || []).forEach(function (r) { row(dl, r[0], r[1]); });  /* national codes, coordinates */
    if (geoOn) row(dl, "地理视图", geoPlace(i));
    row(dl, "简报", el("kbd", null, "kg profile OUT " + n.n));  /* the same facts as a brief (kg.analysis.profile) */
    row(dl, "文档", docNames(n.d));
    panel.appendChild(dl);
    var actions = el("div", "buttons");
    var b = el("button", "action", "聚焦邻域");
    b.type = "button";
    b.addEventListener("click", function () { focusNeighbourhood(i); });
    actions.appendChild(b);
    panel.appendChild(actions);

    var ids = outEdges[i].concat(inEdges[i]);
    if (ids.length) {
      /* a hub's relations start folded, so its evidence stays in view */
      var box = el("details", "relations-box");
      box.open = ids.length <= 12;
      box.appendChild(el("summary", null, "关系（" + ids.length + "）"));
      var ul = el("ul", "relations");
      ids.slice(0, 200).forEach(function (j) {
        var e = edges[j], r = rels[e.r], outgoing = e.h === i, other = outgoing ? e.t : e.h;
        var li = el("li");
        var relText = outgoing ? "→ " + r.label : "← " + r.label;
        var rb = linkButton(relText, function () { selectEdge(j); }, "查看这条关系的证据");
        rb.classList.add("rel");
        rb.style.color = r.color;
        append(li, rb, " ", linkButton(nodes[other].n, function () { selectNode(other, true); }, types[nodes[other].t].label));
        ul.appendChild(li);
      });
      box.appendChild(ul);
      if (ids.length > 200) box.appendChild(el("p", "more", "另有 " + (ids.length - 200) + " 条关系未列出。"));
      panel.appendChild(box);
    }
    panel.appendChild(evidenceList(n.e, n.ne, terms(i)));
    appendCuration(n.c, nodeCurationLines(n, t));
    panel.scrollTop = 0;
  }

  function showEdge(j) {
    var e = edges[j], r = rels[e.r];
    panel.replaceChildren();
    panel.setAttribute("data-kind", "edge");
    panel.removeAttribute("data-key");
    var badge = el("span", "badge", r.label);
    badge.style.background = r.color;
    append(panel, append(el("h2"), badge, nodes[e.h].n + " → " + nodes[e.t].n));
    var dl = el("dl");
    row(dl, "关系", r.label + "（" + r.id + "）" + (r.symmetric ? " · 对称" : ""));
    row(dl, "主体", linkButton(nodes[e.h].n, function () { selectNode(e.h, true); }));
    row(dl, "客体", linkButton(nodes[e.t].n, function () { selectNode(e.t, true); }));
    var docs = [];
    e.e.forEach(function (ev) { if (docs.indexOf(ev[1]) < 0) docs.push(ev[1]); });
    row(dl, "文档", docNames(docs));
    panel.appendChild(dl);
    panel.appendChild(evidenceList(e.e, e.ne, terms(e.h).concat(terms(e.t))));
    appendCuration(e.c, [["否决这条关系", ["reject-relation", ref(nodes[e.h]), r.id, ref(nodes[e.t])]]]);
    panel.scrollTop = 0;
  }

  /* ---------------------------------------------------------------- curation lines */

  function ref(n) { return types[n.t].id + ":" + n.n; }

  function nodeCurationLines(n, t) {
    var others = types.map(function (x) { return x.id; }).filter(function (id) { return id !== t.id; });
    return [
      ["否决这个实体", ["reject-entity", ref(n)]],
      ["改为其他类型", ["retype", ref(n), others[0]]],
      ["与另一名称合并", ["merge", ref(n), ""], true]
    ];
  }

  /* What curation did here (the badge), and the lines an analyst can copy into curation.tsv. */
  function appendCuration(applied, offers) {
    if (applied && applied.length) {
      var note = el("p", "curated");
      append(note, el("span", "badge curated-badge", "由人工修订"), applied.join("；"));
      panel.insertBefore(note, panel.children[1] || null);
    }
    var box = el("details", "curation-box");
    box.appendChild(el("summary", null, "修订（复制到 curation.tsv）"));
    offers.forEach(function (offer) {
      var fields = offer[1], pre = el("pre", "curation-line", fields.join("\t"));
      box.appendChild(el("p", null, offer[0]));
      if (offer[2]) {
        var input = el("input");
        input.setAttribute("list", "all-names");
        input.placeholder = "搜索要合并的名称";
        input.addEventListener("input", function () {
          fields[2] = input.value;
          pre.textContent = fields.join("\t");
        });
        box.appendChild(input);
      }
      box.appendChild(pre);
    });
    panel.appendChild(box);
  }

  var allNames = el("datalist");
  allNames.id = "all-names";
  nodes.forEach(function (n) { allNames.appendChild(append(el("option"), n.n)); });
  document.body.appendChild(allNames);

  network.on("click", function (p) {
    if (p.nodes.length) showNode(p.nodes[0]);
    else if (p.edges.length) showEdge(p.edges[0]);
  });
  network.on("doubleClick", function (p) {
    if (p.nodes.length) focusNeighbourhood(p.nodes[0]);
  });

  /* ---------------------------------------------------------------- search */

  var haystack = nodes.map(function (n) {
    return [n.n].concat(n.a || []).map(function (s) { return s.toLowerCase(); });
  });

  function search(query) {
    var q = query.trim().toLowerCase();
    if (!q) return [];
    var hits = [];
    for (var i = 0; i < N; i++) {
      var best = 9, words = haystack[i];
      for (var w = 0; w < words.length; w++) {
        var s = words[w], score = s === q ? 0 : s.indexOf(q) === 0 ? 2 : s.indexOf(q) > 0 ? 4 : 9;
        if (w > 0 && score < 9) score += 1;  /* an alias ranks just below the name */
        if (score < best) best = score;
      }
      if (best < 9) hits.push([best, i]);
    }
    hits.sort(function (a, b) {
      return a[0] - b[0] || nodes[b[1]].m - nodes[a[1]].m || (nodes[a[1]].n < nodes[b[1]].n ? -1 : 1);
    });
    return hits.slice(0, 30).map(function (h) { return h[1]; });
  }

  var input = $("search"), results = $("search-results");
  function renderResults() {
    var found = search(input.value);
    results.replaceChildren();
    results.hidden = !input.value.trim();
    if (!found.length) {
      results.appendChild(el("li", "empty", "没有匹配的节点"));
      return found;
    }
    found.forEach(function (i) {
      var n = nodes[i], li = el("li"), b = el("button");
      b.type = "button";
      b.setAttribute("data-node", String(i));
      append(b, n.n, el("span", "sub", types[n.t].label + (n.a && n.a.length ? " · " + n.a.join("、") : "")));
      b.addEventListener("click", function () { pick(i); });
      li.appendChild(b);
      results.appendChild(li);
    });
    return found;
  }
  function pick(i) {
    results.hidden = true;
    selectNode(i, true);
  }
  input.addEventListener("input", renderResults);
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") {
      var found = search(input.value);
      if (found.length) pick(found[0]);
    } else if (ev.key === "Escape") {
      input.value = "";
      results.hidden = true;
    }
  });
  document.addEventListener("click", function (ev) {
    if (!$("search-box").contains(ev.target)) results.hidden = true;
  });

  /* ---------------------------------------------------------------- bounded physics */

  /* Run physics on the given nodes (those with relations) for a bounded number of steps, then stop.
   * Hidden nodes and edges still take part in vis-network's physics, so everything else is
   * switched out of it first. */
  var physicsOn = new Uint8Array(N).fill(1), edgePhysicsOn = new Uint8Array(M).fill(1);
  function relax(ids) {
    var want = new Uint8Array(N), changes = [], edgeChanges = [];
    ids.forEach(function (i) { want[i] = degree[i] > 0 ? 1 : 0; });
    for (var i = 0; i < N; i++) {
      if (want[i] !== physicsOn[i]) { physicsOn[i] = want[i]; changes.push({ id: i, physics: !!want[i] }); }
    }
    for (var j = 0; j < M; j++) {
      var w = edgeShown[j] && want[edges[j].h] && want[edges[j].t] ? 1 : 0;
      if (w !== edgePhysicsOn[j]) { edgePhysicsOn[j] = w; edgeChanges.push({ id: j, physics: !!w }); }
    }
    if (changes.length) visNodes.update(changes);
    if (edgeChanges.length) visEdges.update(edgeChanges);
    api.busy = true;
    status.textContent = "正在整理布局…";
    status.className = "";
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
      /* fit() reads bounding boxes, which vis-network updates when it draws */
      network.once("afterDrawing", function () {
        fit(ids);
        status.className = "done";
        api.busy = false;
      });
      network.redraw();
    });
    network.setOptions({ physics: { enabled: true } });
    network.stabilize(150);
  }
  $("tidy").addEventListener("click", function () {
    var ids = [];
    for (var i = 0; i < N; i++) if (nodeShown[i]) ids.push(i);
    relax(ids);
  });

  /* ---------------------------------------------------------------- geographic view */

  /* Places at their coordinates (precomputed gx/gy, see kg/export/geo.py), province and city levels
   * drawn apart; the rest round their home place. Toggling puts the force layout back. */
  var geoOn = false, keyIndex = new Map();
  nodes.forEach(function (n, i) { keyIndex.set(n.k, i); });
  var GEO_STYLE = {
    p: { size: 30, borderWidth: 4, dashes: [8, 5], font: 20 },
    c: { size: 20, borderWidth: 3, dashes: false, font: 16 },
    x: { size: 11, borderWidth: 1, dashes: false, font: 13 },
    z: { size: 9, borderWidth: 1, dashes: [2, 3], font: 12 },
  };
  var GEO_REASONS = { 1: "所在行政区", 2: "位于", 3: "关系最多的地点", 4: "同文档最多的地点" };
  function geoPlace(i) {
    var n = nodes[i];
    if (n.gu) return "无坐标，列在地图西南方";
    if (n.gh === undefined) return n.gl === "z" ? "所在行政区的坐标" : "本身的坐标";
    var h = keyIndex.get(n.gh), wrap = el("span");
    return append(wrap, "在 ", linkButton(nodes[h].n, function () { selectNode(h, true); }), " 旁（" + GEO_REASONS[n.gr] + "）");
  }
  function setGeo(on) {
    if (on === geoOn) return;
    clearFocus();
    geoOn = on;
    visNodes.update(nodes.map(function (n, i) {
      var st = on && n.gl ? GEO_STYLE[n.gl] : null;
      return {
        id: i,
        x: on && n.gx !== undefined ? n.gx : n.x,
        y: on && n.gy !== undefined ? n.gy : n.y,
        size: st ? st.size : nodeSize(n.m),
        borderWidth: st ? st.borderWidth : 1,
        shapeProperties: { borderDashes: st ? st.dashes : false },
        font: { size: st ? st.font : 14 },
      };
    }));
    $("geo-view").checked = on;
    $("geo-legend").hidden = !on;
    $("tidy").disabled = on;
    document.documentElement.setAttribute("data-view", on ? "geo" : "force");
    applyFilters();
    fit();
    var shown = panel.getAttribute("data-kind") === "node" ? keyIndex.get(panel.getAttribute("data-key")) : undefined;
    if (shown !== undefined) showNode(shown);
  }
  $("geo-view").addEventListener("change", function (ev) { setGeo(ev.target.checked); });
  document.documentElement.setAttribute("data-view", "force");

  /* ---------------------------------------------------------------- API for tests and bench */

  api.network = network;
  api.nodes = visNodes;
  api.edges = visEdges;
  api.data = data;
  api.search = search;
  api.selectNode = function (i) { selectNode(i, true); };
  api.indexOf = function (key) {
    for (var i = 0; i < N; i++) if (nodes[i].k === key) return i;
    return -1;
  };
  api.shown = function () { return { nodes: shownNodes, edges: shownEdges }; };
  api.setGeo = setGeo;
  api.geo = function () { return geoOn; };
  updateStats();
})();
