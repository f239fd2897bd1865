/* chipgraph network page.
 * Every string from the graph is untrusted (it comes from news articles): it reaches the
 * page only through textContent, the vis.js canvas, or a.href after a scheme check.
 * Nothing here parses strings as HTML or code (no HTML-string sinks, no eval). */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("chipgraph-data").textContent);
  var cg = { ready: false, network: null, nodes: null, edges: null, data: data };
  window.chipgraph = cg;

  var nodeIndex = {}, edgeIndex = {}, adjacency = {}, keyIndex = {};
  data.nodes.forEach(function (n, i) {
    nodeIndex[n.id] = i; adjacency[n.id] = [];
    var k = keyOf(n.id);
    if (k && keyIndex[k] === undefined) keyIndex[k] = n.id;
  });
  data.edges.forEach(function (e, i) {
    edgeIndex[e.id] = i;
    adjacency[e.from].push(e.id);
    if (e.to !== e.from) adjacency[e.to].push(e.id);
  });

  /* An entity's key is the last path segment of its IRI (what #entity=<key> names). */
  function keyOf(id) {
    var t = String(id).replace(/\/+$/, "");
    return t.slice(t.lastIndexOf("/") + 1);
  }

  /* ---- small DOM helpers ------------------------------------------------------- */
  function el(tag, className, text) {
    var x = document.createElement(tag);
    if (className) x.className = className;
    if (text !== undefined && text !== null) x.textContent = String(text);
    return x;
  }
  function httpUrl(u) {
    if (typeof u !== "string" || !u) return null;
    var p;
    try { p = new URL(u); } catch (err) { return null; }
    return (p.protocol === "http:" || p.protocol === "https:") ? p.href : null;
  }
  var SITE_LINK = /^(?:\.\.\/|\.\/)?(?:[a-z0-9_-]+\/)*[a-z0-9_.-]+\.html$/i;
  function siteLink(u) {
    return (typeof u === "string" && SITE_LINK.test(u) && u.indexOf("..", 3) < 0) ? u : null;
  }
  function link(text, href, external) {
    var a = el("a", null, text);
    a.href = href;  // callers pass only httpUrl() / siteLink() results
    if (external) { a.rel = "noopener noreferrer"; a.target = "_blank"; }
    return a;
  }
  function nodeInfo(id) { return data.nodeInfo[nodeIndex[id]]; }
  function nodeLabel(id) { var i = nodeInfo(id); return i ? i.label : String(id); }

  /* ---- labels: one policy for every class -------------------------------------------
   * vis.js draws a node's label only when it is at least LABEL_MIN_PX tall on screen (the
   * octagon renderer below uses the same test), so no class's labels vanish before
   * another's.  Zoomed out further, the overlay (drawHubLabels) writes the labels of the
   * most connected nodes at a fixed, readable size, skipping any that would collide. */
  var FONT = data.options.nodes && data.options.nodes.font || {};
  var FONT_PX = FONT.size || 14, FACE = FONT.face || "system-ui, sans-serif";
  var LABEL_MIN_PX = 9, HUB_PX = 12;
  data.options.nodes = data.options.nodes || {};
  var scaling = data.options.nodes.scaling = data.options.nodes.scaling || {};
  scaling.label = scaling.label || {};
  scaling.label.drawThreshold = LABEL_MIN_PX + 1;  // vis.js draws a label when it is >= threshold - 1
  function labelsLegible(scale) { return FONT_PX * scale >= LABEL_MIN_PX; }

  var measure = document.createElement("canvas").getContext("2d");
  var widths = {};
  function textWidth(text, px) {
    var k = px + "\u0000" + text;
    if (widths[k] === undefined) {
      measure.font = px + "px " + FACE;
      widths[k] = measure.measureText(text).width;
    }
    return widths[k];
  }

  /* ---- vis.js network ---------------------------------------------------------- */
  function octagon(args) {  // ExportControl: an octagon, like a stop sign
    var ctx = args.ctx, x = args.x, y = args.y, s = args.style, r = s.size, label = args.label;
    return {
      drawNode: function () {
        ctx.beginPath();
        for (var k = 0; k < 8; k++) {
          var a = Math.PI / 8 + k * Math.PI / 4;
          var px = x + r * Math.cos(a), py = y + r * Math.sin(a);
          if (k === 0) ctx.moveTo(px, py); else ctx.lineTo(px, py);
        }
        ctx.closePath();
        ctx.fillStyle = s.color;
        ctx.fill();
        ctx.lineWidth = args.state.selected ? 3 : s.borderWidth;
        ctx.strokeStyle = s.borderColor;
        ctx.stroke();
      },
      drawExternalLabel: function () {
        if (!label || !labelsLegible(cg.network ? cg.network.getScale() : 1)) return;
        ctx.font = FONT_PX + "px " + FACE;
        ctx.textAlign = "center";
        ctx.textBaseline = "top";
        ctx.lineWidth = 3;
        ctx.strokeStyle = "#ffffff";
        ctx.lineJoin = "round";
        ctx.strokeText(label, x, y + r + 4);
        ctx.fillStyle = "#1b1b1b";
        ctx.fillText(label, x, y + r + 4);
      },
      nodeDimensions: { width: 2 * r, height: 2 * r }
    };
  }
  data.nodes.forEach(function (n) {
    if (n.shape === "octagon") { n.shape = "custom"; n.ctxRenderer = octagon; }
  });

  /* ---- no overlap ----------------------------------------------------------------------
   * Each node's drawn box is its shape and the label under it.  After the layout (the
   * Python one for large graphs, vis.js physics for small ones), overlapping boxes are
   * pushed apart along the axis where they overlap least: a sweep over the boxes sorted by
   * their left edge finds the pairs, and rounds repeat until none overlap (after a while
   * the cloud is also spread a little, which always ends it). */
  var GAP = 6;
  function boxOf(n) {
    var r = (n.size || 12) * 1.15;  // triangles and stars reach a little past their size
    var w = textWidth(n.label || "", FONT_PX) + 6;  // 3 px white halo either side
    return { hw: Math.max(r, w / 2) + GAP / 2, up: r + GAP / 2, down: r + FONT_PX + 8 + GAP / 2 };
  }
  function separate(pts, boxes) {
    var n = pts.length, order = [], i, j, rounds;
    for (i = 0; i < n; i++) order.push(i);
    for (rounds = 0; rounds < 600; rounds++) {
      order.sort(function (a, b) { return (pts[a].x - boxes[a].hw) - (pts[b].x - boxes[b].hw) || a - b; });
      var moved = 0;
      for (i = 0; i < n; i++) {
        var a = order[i], pa = pts[a], ba = boxes[a];
        for (j = i + 1; j < n; j++) {
          var b = order[j], pb = pts[b], bb = boxes[b];
          if (pb.x - bb.hw >= pa.x + ba.hw) break;
          var oy = Math.min(pa.y + ba.down, pb.y + bb.down) - Math.max(pa.y - ba.up, pb.y - bb.up);
          if (oy <= 0) continue;
          var ox = Math.min(pa.x + ba.hw, pb.x + bb.hw) - Math.max(pa.x - ba.hw, pb.x - bb.hw);
          if (ox <= 0) continue;
          moved++;
          if (ox <= oy) {
            var sx = (pa.x < pb.x || (pa.x === pb.x && a < b) ? 1 : -1) * (ox / 2 + 0.5);
            pa.x -= sx; pb.x += sx;
          } else {
            var ca = pa.y + (ba.down - ba.up) / 2, cb = pb.y + (bb.down - bb.up) / 2;
            var sy = (ca < cb || (ca === cb && a < b) ? 1 : -1) * (oy / 2 + 0.5);
            pa.y -= sy; pb.y += sy;
          }
        }
      }
      if (!moved) break;
      if (rounds >= 40) {  // stuck in a crowd: spread everything 3% about the centre
        var mx = 0, my = 0;
        pts.forEach(function (p) { mx += p.x; my += p.y; });
        mx /= n; my /= n;
        pts.forEach(function (p) { p.x = mx + (p.x - mx) * 1.03; p.y = my + (p.y - my) * 1.03; });
      }
    }
    return rounds;
  }
  function separateRecords(list) {
    var pts = list.map(function (n) { return { x: n.x, y: n.y }; });
    var rounds = separate(pts, list.map(boxOf));
    list.forEach(function (n, i) { n.x = Math.round(pts[i].x * 10) / 10; n.y = Math.round(pts[i].y * 10) / 10; });
    return rounds;
  }
  var t0 = window.performance.now();
  cg.layout = { separateRounds: 0, separateMs: 0 };
  if (!data.physics && data.nodes.length && data.nodes[0].x !== undefined) {
    cg.layout.separateRounds = separateRecords(data.nodes);
    cg.layout.separateMs = Math.round(window.performance.now() - t0);
  }

  var hiddenClasses = {}, hiddenPredicates = {};
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  function edgeShown(e) {
    var info = data.edgeInfo[edgeIndex[e.id]];
    return !hiddenPredicates[info.p] &&
      !hiddenClasses[data.nodes[nodeIndex[e.from]].group] &&
      !hiddenClasses[data.nodes[nodeIndex[e.to]].group];
  }
  var nodesView = new vis.DataView(nodes, {
    filter: function (n) { return !hiddenClasses[n.group]; }
  });
  var edgesView = new vis.DataView(edges, { filter: edgeShown });
  var container = document.getElementById("graph");
  var network = new vis.Network(container, { nodes: nodesView, edges: edgesView }, data.options);
  cg.network = network; cg.nodes = nodes; cg.edges = edges;
  cg.nodesView = nodesView; cg.edgesView = edgesView;

  /* ---- the most connected nodes keep a label at every zoom ---------------------------- */
  var rank = data.nodes.map(function (n, i) { return i; });
  rank.sort(function (a, b) {
    return adjacency[data.nodes[b].id].length - adjacency[data.nodes[a].id].length ||
      data.nodeInfo[b].docs - data.nodeInfo[a].docs || a - b;
  });
  // the most connected node of each class is labelled before the rest, so that zoomed out
  // no class loses all its labels to the hubs of another
  var classLeaders = [], leaderOf = {};
  rank.forEach(function (i) {
    var g = data.nodes[i].group;
    if (!leaderOf[g]) { leaderOf[g] = true; classLeaders.push(data.nodes[i].id); }
  });
  var HUB_CHARS = 28;
  function hubText(label) {
    return label.length <= HUB_CHARS ? label : label.slice(0, HUB_CHARS - 1).replace(/\s+$/, "") + "\u2026";
  }
  cg.hubLabels = [];
  function drawHubLabels(ctx) {
    var scale = network.getScale();
    cg.hubLabels = [];
    if (labelsLegible(scale)) return;  // vis.js draws every label itself
    var W = container.clientWidth, H = container.clientHeight, ratio = network.canvas.pixelRatio || 1;
    var body = network.body.nodes, CELL = 64, grid = {}, placed = [];
    function cells(b, add) {
      for (var cx = Math.floor(b[0] / CELL); cx <= Math.floor(b[2] / CELL); cx++) {
        for (var cy = Math.floor(b[1] / CELL); cy <= Math.floor(b[3] / CELL); cy++) {
          var k = cx + "," + cy, list = grid[k];
          if (add) { (grid[k] = list || []).push(b); continue; }
          if (list) for (var q = 0; q < list.length; q++) {
            var o = list[q];
            if (b[0] < o[2] && o[0] < b[2] && b[1] < o[3] && o[1] < b[3]) return true;
          }
        }
      }
      return false;
    }
    var order = network.getSelectedNodes().concat(classLeaders, rank.map(function (i) { return data.nodes[i].id; }));
    ctx.save();
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.font = HUB_PX + "px " + FACE;
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    ctx.lineJoin = "round";
    ctx.lineWidth = 3;
    var done = {};
    for (var i = 0; i < order.length && placed.length < 400; i++) {
      var id = order[i], n = body[id];
      if (done[id] || !n || !n.options.label) continue;
      done[id] = true;
      var p = network.canvasToDOM({ x: n.x, y: n.y }), r = (n.options.size || 12) * scale;
      if (p.x < -100 || p.x > W + 100 || p.y < -50 || p.y > H + 50) continue;
      var text = hubText(n.options.label), w = textWidth(text, HUB_PX) + 6, h = HUB_PX + 3;
      // under the node, else above it, else to its right or left
      var spots = [[p.x - w / 2, p.y + r + 2], [p.x - w / 2, p.y - r - 2 - h],
                   [p.x + r + 3, p.y - h / 2], [p.x - r - 3 - w, p.y - h / 2]];
      for (var k = 0; k < spots.length; k++) {
        var b = [spots[k][0], spots[k][1], spots[k][0] + w, spots[k][1] + h];
        if (cells(b, false)) continue;
        cells(b, true);
        cells([p.x - r, p.y - r, p.x + r, p.y + r], true);  // later labels keep off a labelled node
        placed.push(id);
        ctx.strokeStyle = "#ffffff";
        ctx.strokeText(text, b[0] + w / 2, b[1] + 1);
        ctx.fillStyle = "#1b1b1b";
        ctx.fillText(text, b[0] + w / 2, b[1] + 1);
        break;
      }
    }
    ctx.restore();
    cg.hubLabels = placed;
  }
  network.on("afterDrawing", drawHubLabels);

  function markReady() {
    if (cg.ready) return;
    cg.ready = true;
    if (!applyHash() && data.focus && nodeIndex[data.focus] !== undefined) {
      network.selectNodes([data.focus]);
    }
    cg.readyMs = Math.round(window.performance.now());
    document.body.dataset.ready = "1";
  }
  if (data.nodes.length === 0) {
    window.requestAnimationFrame(markReady);
  } else if (data.physics) {
    var settled = false;
    var settle = function () {
      if (settled) return;
      settled = true;
      network.setOptions({ physics: { enabled: false } });
      var t1 = window.performance.now();
      var pos = network.getPositions();
      var recs = data.nodes.map(function (n) { return { id: n.id, label: n.label, size: n.size, x: pos[n.id].x, y: pos[n.id].y }; });
      cg.layout.separateRounds = separateRecords(recs);
      cg.layout.separateMs = Math.round(window.performance.now() - t1);
      recs.forEach(function (r) { network.moveNode(r.id, r.x, r.y); });  // (an update would reset the style to the group's)
      network.fit({ animation: false });
      network.once("afterDrawing", markReady);
      network.redraw();
    };
    network.once("stabilizationIterationsDone", settle);
    network.once("stabilized", settle);
  } else {
    network.once("afterDrawing", markReady);
  }

  /* ---- side panel ---------------------------------------------------------------- */
  var panel = document.getElementById("panel");
  var panelBody = document.getElementById("panel-body");
  var ID_NAMES = { wikidata: "Wikidata ID", entity_list: "Entity List entry",
                   csl: "Consolidated Screening List", lei: "LEI", ticker: "Ticker" };

  function typeLine(cls) {
    var c = data.classes[cls] || { label: cls, color: "#999" };
    var p = el("p", "type");
    var sw = el("span", "swatch");
    sw.style.background = c.color;  // a colour from our own class table
    p.appendChild(sw);
    p.appendChild(el("span", null, c.label));
    return p;
  }
  function evidenceList(items, total) {
    var frag = document.createDocumentFragment();
    total = Math.max(total || 0, items.length);
    frag.appendChild(el("h3", null, total === 1 ? "Evidence" : total > items.length
      ? "Evidence (the newest " + items.length + " of " + total + ")" : "Evidence (" + total + ")"));
    if (!items.length) { frag.appendChild(el("p", "relation", "No evidence recorded.")); return frag; }
    var ul = el("ul", "evidence");
    items.forEach(function (ev) {
      var doc = data.docs[ev[1]] || [];
      var li = el("li");
      li.appendChild(el("blockquote", null, "\u201c" + ev[0] + "\u201d"));
      var src = el("div", "source");
      var url = httpUrl(doc[4]);
      var title = doc[1] || doc[0];
      src.appendChild(url ? link(title, url, true) : el("span", doc[1] ? null : "mono", title));
      if (doc[2]) src.appendChild(el("span", null, doc[2]));
      if (doc[3]) src.appendChild(el("span", null, doc[3]));
      var page = siteLink(doc[5]);
      if (page) src.appendChild(link("document page", page, false));
      li.appendChild(src);
      ul.appendChild(li);
    });
    frag.appendChild(ul);
    return frag;
  }
  function openPanel(children) {
    while (panelBody.firstChild) panelBody.removeChild(panelBody.firstChild);
    children.forEach(function (c) { if (c) panelBody.appendChild(c); });
    panel.hidden = false;
    panel.scrollTop = 0;
  }
  function hidePanel() { panel.hidden = true; }
  document.getElementById("panel-close").addEventListener("click", function () {
    hidePanel(); network.unselectAll(); setHash(null);
  });

  function showNode(id) {
    var info = nodeInfo(id);
    if (!info) return;
    var parts = [el("h2", null, info.label), typeLine(info.cls)];
    if (info.aliases.length) {
      parts.push(el("h3", null, "Also known as"));
      var ul = el("ul", "plain");
      info.aliases.forEach(function (a) { ul.appendChild(el("li", null, a)); });
      parts.push(ul);
    }
    if (info.ids.length) {
      parts.push(el("h3", null, "Identifiers"));
      var dl = el("dl");
      info.ids.forEach(function (pair) {
        dl.appendChild(el("dt", null, ID_NAMES[pair[0]] || pair[0]));
        dl.appendChild(el("dd", "mono", pair[1]));
      });
      parts.push(dl);
    }
    parts.push(el("p", "relation", "Mentioned in " + info.docs +
      (info.docs === 1 ? " document" : " documents")));
    var page = siteLink(info.href);
    if (page) { var pp = el("p"); pp.appendChild(link("Open entity page", page, false)); parts.push(pp); }
    var rel = adjacency[id] || [];
    if (rel.length) {
      parts.push(el("h3", null, "Relations (" + rel.length + ")"));
      var rl = el("ul", "plain");
      rel.slice(0, 60).forEach(function (eid) {
        var e = data.edges[edgeIndex[eid]], ei = data.edgeInfo[edgeIndex[eid]];
        var li = el("li");
        var out = e.from === id;
        li.appendChild(el("span", "relation", out ? ei.p + " \u2192 " : "\u2190 " + ei.p + " "));
        li.appendChild(entityLink(out ? e.to : e.from));
        rl.appendChild(li);
      });
      if (rel.length > 60) rl.appendChild(el("li", "relation", "\u2026 and " + (rel.length - 60) + " more"));
      parts.push(rl);
    }
    parts.push(evidenceList(info.ev, info.evn));
    openPanel(parts);
  }

  function showEdge(eid) {
    var i = edgeIndex[eid];
    if (i === undefined) return;
    var e = data.edges[i], info = data.edgeInfo[i];
    var h = el("h2");
    h.appendChild(el("span", null, nodeLabel(e.from)));
    h.appendChild(el("span", "relation", " " + (info.pl || info.p) + " "));
    h.appendChild(el("span", null, nodeLabel(e.to)));
    var parts = [h, el("p", "type", "Relation: " + (info.pl || info.p))];
    if (info.role) parts.push(el("p", null, "Role: " + info.role));
    parts.push(evidenceList(info.ev, info.evn));
    openPanel(parts);
  }
  cg.showNode = showNode;
  cg.showEdge = showEdge;

  /* Pan so that node `id` is not under the panel (when the panel covers the graph). */
  function panelCover() {
    if (panel.hidden) return 0;
    var g = container.getBoundingClientRect(), q = panel.getBoundingClientRect();
    var overlaps = q.left < g.right && q.right > g.left && q.top < g.bottom && q.bottom > g.top;
    return overlaps ? Math.max(0, g.right - q.left) : 0;
  }
  function keepClear(id) {
    var cover = panelCover();
    if (!cover || !network.body.nodes[id]) return;
    var W = container.clientWidth;
    var p = network.canvasToDOM(network.getPositions([id])[id]);
    var margin = 40 + (network.body.nodes[id].options.size || 12) * network.getScale();
    if (p.x < W - cover - margin && p.x > margin) return;
    network.focus(id, { scale: network.getScale(), offset: { x: -cover / 2, y: 0 },
                        locked: false, animation: false });
  }
  cg.keepClear = keepClear;
  cg.panelCover = panelCover;

  network.on("click", function (p) {
    if (p.nodes.length) { showNode(p.nodes[0]); keepClear(p.nodes[0]); setHash(p.nodes[0]); }
    else if (p.edges.length) { showEdge(p.edges[0]); setHash(null); }
    else { hidePanel(); setHash(null); }
  });

  /* ---- filters ------------------------------------------------------------------- */
  function refresh(refit) {
    nodesView.refresh(); edgesView.refresh();
    if (refit && tableShown()) needFit = true;  // the hidden graph is re-fitted when shown
    else if (refit && nodesView.length) network.fit({ animation: false });
    var sel = network.getSelectedNodes();
    if (sel.length) keepClear(sel[0]);
    if (tableShown()) renderTable();
  }
  Array.prototype.forEach.call(document.querySelectorAll("input.f-class"), function (box) {
    box.addEventListener("change", function () {
      hiddenClasses[box.value] = !box.checked;
      refresh(true);
    });
  });
  Array.prototype.forEach.call(document.querySelectorAll("input.f-pred"), function (box) {
    box.addEventListener("change", function () {
      hiddenPredicates[box.value] = !box.checked;
      refresh(true);
    });
  });

  /* ---- search -------------------------------------------------------------------- */
  var status = document.getElementById("search-status");
  var names = document.getElementById("search-names");
  var seen = {};
  data.nodeInfo.forEach(function (info) {
    [info.label].concat(info.aliases).forEach(function (s) {
      if (seen[s] || names.childNodes.length >= 5000) return;
      seen[s] = true;
      var o = document.createElement("option");
      o.value = s;
      names.appendChild(o);
    });
  });

  function find(query) {
    var q = String(query).trim().toLowerCase();
    if (!q) return null;
    var tiers = [null, null, null, null];
    for (var i = 0; i < data.nodeInfo.length; i++) {
      var info = data.nodeInfo[i], label = info.label.toLowerCase();
      var al = info.aliases.map(function (a) { return a.toLowerCase(); });
      var t = label === q ? 0 : al.indexOf(q) >= 0 ? 1 : label.indexOf(q) === 0 ? 2 :
        (label.indexOf(q) >= 0 || al.some(function (a) { return a.indexOf(q) >= 0; })) ? 3 : -1;
      if (t >= 0 && tiers[t] === null) tiers[t] = data.nodes[i].id;
      if (t === 0) break;
    }
    for (var k = 0; k < tiers.length; k++) if (tiers[k] !== null) return tiers[k];
    return null;
  }
  /* Select, centre (in the part of the graph the panel leaves free) and describe `id`. */
  function focusNode(id) {
    var cls = data.nodes[nodeIndex[id]].group;
    if (hiddenClasses[cls]) {  // searching for a hidden entity shows its class again
      hiddenClasses[cls] = false;
      Array.prototype.forEach.call(document.querySelectorAll("input.f-class"), function (b) {
        if (b.value === cls) b.checked = true;
      });
      refresh(false);
    }
    if (tableShown()) showView("graph");
    network.selectNodes([id]);
    showNode(id);
    network.focus(id, { scale: Math.max(network.getScale(), 1), offset: { x: -panelCover() / 2, y: 0 },
                        locked: false, animation: false });
    setHash(id);
  }
  cg.find = find;
  cg.focusNode = focusNode;
  document.getElementById("search").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var q = document.getElementById("search-input").value;
    var id = find(q);
    if (id === null) { status.textContent = q.trim() ? "No entity matches \u201c" + q.trim() + "\u201d." : ""; return; }
    status.textContent = "Showing " + nodeLabel(id) + ".";
    focusNode(id);
  });

  /* ---- deep links: #entity=<key> ----------------------------------------------------
   * The key is the last path segment of the entity's IRI (a full IRI works too, and so
   * does a bare #<key>).  Selecting a node or finding one keeps the hash in step, with
   * history.replaceState so that it adds no history entry; links in the panel and the
   * table are ordinary #entity= links, so Back returns to the previous entity. */
  function hashFor(id) { return "#entity=" + encodeURIComponent(keyOf(id)); }
  function setHash(id) {
    var h = id === null ? "" : hashFor(id);
    if ((window.location.hash || "") === h) return;
    var url = window.location.pathname + window.location.search + h;
    try { window.history.replaceState(window.history.state, "", url); } catch (err) { /* sandboxed */ }
  }
  function hashKey() {
    var h = (window.location.hash || "").replace(/^#/, "");
    if (!h) return null;
    var m = /^entity=(.*)$/.exec(h);
    var k = m ? m[1] : h;
    try { k = decodeURIComponent(k); } catch (err) { /* keep it as written */ }
    // a bare #name that is an element's id is an anchor in the page (a section, a sentence)
    if (!m && document.getElementById(k)) return null;
    return k;
  }
  function byKey(k) {
    if (keyIndex[k] !== undefined) return keyIndex[k];
    return nodeIndex[k] !== undefined ? k : null;
  }
  /* Follow the hash; true when it named an entity on this page. */
  function applyHash() {
    var k = hashKey();
    if (k === null) return false;
    var id = byKey(k);
    if (id === null) {
      if (/^entity=/.test(window.location.hash.slice(1))) {  // a bare #name may be anything
        status.textContent = "No entity \u201c" + k + "\u201d on this page.";
      }
      return false;
    }
    status.textContent = "Showing " + nodeLabel(id) + ".";
    focusNode(id);
    return true;
  }
  window.addEventListener("hashchange", function () { if (cg.ready) applyHash(); });
  function entityLink(id) {
    var a = el("a", null, nodeLabel(id));
    a.href = hashFor(id);  // a fragment of this page, built from the key
    a.addEventListener("click", function (ev) {
      if (window.location.hash === hashFor(id)) { ev.preventDefault(); focusNode(id); }
    });  // otherwise the hash changes and the hashchange handler focuses it
    return a;
  }
  cg.keyOf = keyOf;

  /* ---- table view and CSV --------------------------------------------------------
   * The entities and relations the filters leave shown, as two tables (text nodes only),
   * and as CSV files made in the page from its embedded data: nothing is fetched. */
  var side = document.querySelector(".side");
  var toggle = el("div", "views no-print");
  toggle.setAttribute("role", "group");
  toggle.setAttribute("aria-label", "View");
  var viewButtons = {};
  ["graph", "table"].forEach(function (v) {
    var b = el("button", null, v === "graph" ? "Graph" : "Table");
    b.type = "button";
    b.id = "view-" + v;
    b.addEventListener("click", function () { showView(v); });
    viewButtons[v] = b;
    toggle.appendChild(b);
  });
  if (side) side.insertBefore(toggle, status ? status.nextSibling : side.firstChild);
  Array.prototype.forEach.call(document.querySelectorAll("#search, .side .hint"), function (x) {
    x.classList.add("no-print");
  });
  Array.prototype.forEach.call(document.querySelectorAll(".side .filters"), function (x) {
    if (x.parentNode) x.parentNode.classList.add("no-print");
  });
  var tableView = el("section", "table-view");
  tableView.id = "table-view";
  tableView.setAttribute("aria-label", "Table of entities and relations");
  tableView.hidden = true;
  container.parentNode.insertBefore(tableView, container.nextSibling);
  var TABLE_ROWS = 2000, needFit = false;

  function tableShown() { return !tableView.hidden; }
  function showView(v) {
    var table = v === "table";
    viewButtons.graph.setAttribute("aria-pressed", String(!table));
    viewButtons.table.setAttribute("aria-pressed", String(table));
    tableView.hidden = !table;
    container.hidden = table;
    if (table) { hidePanel(); renderTable(); return; }
    network.setSize("100%", "100%");
    if (needFit) { needFit = false; network.fit({ animation: false }); }
    network.redraw();
  }
  cg.showView = showView;

  function docOf(ev) { return ev ? data.docs[ev[1]] || [] : []; }
  function entityRows() {
    var out = [];
    data.nodes.forEach(function (n, i) {
      if (hiddenClasses[n.group]) return;
      var info = data.nodeInfo[i], shown = 0;
      adjacency[n.id].forEach(function (eid) { if (edgeShown(data.edges[edgeIndex[eid]])) shown++; });
      out.push({ id: n.id, cells: [info.label, (data.classes[info.cls] || { label: info.cls }).label,
        keyOf(n.id), info.docs, shown, info.aliases.join("; "), n.id] });
    });
    out.sort(function (a, b) {
      var x = a.cells[0].toLowerCase(), y = b.cells[0].toLowerCase();
      return x < y ? -1 : x > y ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    });
    return out;
  }
  function relationRows() {
    var out = [];
    data.edges.forEach(function (e, i) {
      if (!edgeShown(e)) return;
      var info = data.edgeInfo[i], ev = info.ev[0], doc = docOf(ev);
      out.push({ from: e.from, to: e.to, cells: [nodeLabel(e.from), info.pl || info.p, nodeLabel(e.to),
        info.role || "", Math.max(info.evn || 0, info.ev.length), ev ? ev[0] : "",
        doc[1] || doc[0] || "", doc[3] || "", keyOf(e.from), keyOf(e.to)] });
    });
    return out;
  }
  var ENTITY_COLUMNS = ["Entity", "Type", "Key", "Documents", "Relations shown", "Also known as", "IRI"];
  var RELATION_COLUMNS = ["Subject", "Relation", "Object", "Role", "Evidence", "Newest evidence",
                          "Source", "Published", "Subject key", "Object key"];

  function renderTable() {
    while (tableView.firstChild) tableView.removeChild(tableView.firstChild);
    var ents = entityRows(), rels = relationRows();
    tableView.appendChild(tableBlock("Entities", "entities", ents, ENTITY_COLUMNS, function (r, c) {
      return c === 0 ? entityLink(r.id) : null;
    }, 5));
    tableView.appendChild(tableBlock("Relations", "relations", rels, RELATION_COLUMNS, function (r, c) {
      return c === 0 ? entityLink(r.from) : c === 2 ? entityLink(r.to) : null;
    }, 8));
  }
  function tableBlock(title, name, rows, columns, linkFor, show) {
    var sec = el("section", "table-block");
    sec.id = "table-" + name;
    var head = el("div", "table-head");
    head.appendChild(el("h2", null, title + " (" + rows.length + " shown)"));
    var dl = el("button", "csv no-print", "Download CSV");
    dl.type = "button";
    dl.id = "csv-" + name;
    dl.addEventListener("click", function () {
      download(fileStem() + "-" + name + ".csv", toCsv(columns, rows.map(function (r) { return r.cells; })));
    });
    head.appendChild(dl);
    sec.appendChild(head);
    var table = el("table", "rows data");
    var thead = el("thead"), tr = el("tr");
    columns.slice(0, show).forEach(function (c) { tr.appendChild(el("th", null, c)); });
    thead.appendChild(tr);
    table.appendChild(thead);
    var tbody = el("tbody");
    rows.slice(0, TABLE_ROWS).forEach(function (r) {
      var row = el("tr");
      r.cells.slice(0, show).forEach(function (v, c) {
        var td = el("td");
        var a = linkFor(r, c);
        if (a) td.appendChild(a); else td.textContent = String(v);
        row.appendChild(td);
      });
      tbody.appendChild(row);
    });
    table.appendChild(tbody);
    sec.appendChild(table);
    if (rows.length > TABLE_ROWS) {
      sec.appendChild(el("p", "relation", "The first " + TABLE_ROWS + " of " + rows.length +
        " rows are shown; the CSV has them all."));
    }
    return sec;
  }
  cg.renderTable = renderTable;

  /* RFC 4180 CSV.  A cell that a spreadsheet would read as a formula (starting with = + - @,
   * a tab or a carriage return) gets a leading apostrophe. */
  function csvCell(v) {
    var t = v === null || v === undefined ? "" : String(v);
    if (typeof v === "string" && /^[=+\-@\t\r]/.test(t)) t = "'" + t;
    return /[",\r\n]/.test(t) || /^\s|\s$/.test(t) ? '"' + t.replace(/"/g, '""') + '"' : t;
  }
  function toCsv(columns, rows) {
    return [columns].concat(rows).map(function (r) { return r.map(csvCell).join(","); }).join("\r\n") + "\r\n";
  }
  cg.toCsv = toCsv;
  function fileStem() {
    var t = String(data.title || "chipgraph").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
    return t.slice(0, 40).replace(/-+$/, "") || "chipgraph";
  }
  function download(filename, text) {
    var blob = new Blob(["\ufeff" + text], { type: "text/csv;charset=utf-8" });
    var url = URL.createObjectURL(blob);
    var a = document.createElement("a");
    a.href = url;  // a blob: URL made here, never from the data
    a.download = filename;
    a.hidden = true;
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 30000);
  }
  showView("graph");
})();
