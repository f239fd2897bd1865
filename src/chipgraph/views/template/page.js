/* chipgraph network page.
 * Every string from the graph is untrusted (it comes from news articles): it reaches the
 * page only through textContent, the vis.js canvas, or a.href after a scheme check.
 * Nothing here parses strings as HTML or code (no HTML-string sinks, no eval). */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("chipgraph-data").textContent);
  var cg = { ready: false, network: null, nodes: null, edges: null, data: data };
  window.chipgraph = cg;

  var nodeIndex = {}, edgeIndex = {}, adjacency = {};
  data.nodes.forEach(function (n, i) { nodeIndex[n.id] = i; adjacency[n.id] = []; });
  data.edges.forEach(function (e, i) {
    edgeIndex[e.id] = i;
    adjacency[e.from].push(e.id);
    if (e.to !== e.from) adjacency[e.to].push(e.id);
  });

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
        if (!label) return;
        var scale = cg.network ? cg.network.getScale() : 1;
        if (14 * scale < 5) return;  // as vis.js does for small labels
        ctx.font = "14px system-ui, sans-serif";
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

  var hiddenClasses = {}, hiddenPredicates = {};
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var nodesView = new vis.DataView(nodes, {
    filter: function (n) { return !hiddenClasses[n.group]; }
  });
  var edgesView = new vis.DataView(edges, {
    filter: function (e) {
      var info = data.edgeInfo[edgeIndex[e.id]];
      return !hiddenPredicates[info.p] &&
        !hiddenClasses[data.nodes[nodeIndex[e.from]].group] &&
        !hiddenClasses[data.nodes[nodeIndex[e.to]].group];
    }
  });
  var container = document.getElementById("graph");
  var network = new vis.Network(container, { nodes: nodesView, edges: edgesView }, data.options);
  cg.network = network; cg.nodes = nodes; cg.edges = edges;
  cg.nodesView = nodesView; cg.edgesView = edgesView;

  function markReady() {
    if (cg.ready) return;
    cg.ready = true;
    if (data.focus && nodeIndex[data.focus] !== undefined) network.selectNodes([data.focus]);
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
      network.fit();
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
    hidePanel(); network.unselectAll();
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
        var a = el("a", null, nodeLabel(out ? e.to : e.from));
        a.href = "#";
        a.addEventListener("click", function (ev) { ev.preventDefault(); focusNode(out ? e.to : e.from); });
        li.appendChild(a);
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
    h.appendChild(el("span", "relation", " " + info.p + " "));
    h.appendChild(el("span", null, nodeLabel(e.to)));
    var parts = [h, el("p", "type", "Relation: " + info.p)];
    if (info.role) parts.push(el("p", null, "Role: " + info.role));
    parts.push(evidenceList(info.ev, info.evn));
    openPanel(parts);
  }
  cg.showNode = showNode;
  cg.showEdge = showEdge;

  network.on("click", function (p) {
    if (p.nodes.length) showNode(p.nodes[0]);
    else if (p.edges.length) showEdge(p.edges[0]);
    else hidePanel();
  });

  /* ---- filters ------------------------------------------------------------------- */
  function refresh() { nodesView.refresh(); edgesView.refresh(); }
  Array.prototype.forEach.call(document.querySelectorAll("input.f-class"), function (box) {
    box.addEventListener("change", function () {
      hiddenClasses[box.value] = !box.checked;
      refresh();
    });
  });
  Array.prototype.forEach.call(document.querySelectorAll("input.f-pred"), function (box) {
    box.addEventListener("change", function () {
      hiddenPredicates[box.value] = !box.checked;
      refresh();
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
  function focusNode(id) {
    var cls = data.nodes[nodeIndex[id]].group;
    if (hiddenClasses[cls]) {  // searching for a hidden entity shows its class again
      hiddenClasses[cls] = false;
      Array.prototype.forEach.call(document.querySelectorAll("input.f-class"), function (b) {
        if (b.value === cls) b.checked = true;
      });
      refresh();
    }
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1), animation: false });
    showNode(id);
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
})();
