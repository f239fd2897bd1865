/* chipgraph's query page: YASQE (editor) and YASR (results) from the vendored YASGUI bundle.
 * Everything from the server or the results goes into the page as text (textContent) or
 * through YASR's table, which escapes literals and sanitises its cells with DOMPurify. */
(function () {
  "use strict";
  const config = JSON.parse(document.getElementById("querypage-config").textContent);
  const PREFIXES = config.prefixes;  // prefix -> namespace, the same set the server accepts
  const $ = (id) => document.getElementById(id);
  const IRI_BODY = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|^`\\]*$/;
  const CURIE = /^([a-z][a-z0-9]*):([A-Za-z0-9][A-Za-z0-9_.-]*)$/;
  const LOCAL = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
  const NAMESPACES = Object.entries(PREFIXES).sort((a, b) => b[1].length - a[1].length);

  // -- terms -----------------------------------------------------------------------------
  function iriTerm(iri) {
    if (!IRI_BODY.test(iri)) throw new Error("not a valid IRI: <" + iri + ">");
    return "<" + iri + ">";
  }
  function literalTerm(text) {
    return '"' + text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")
      .replace(/\r/g, "\\r").replace(/\t/g, "\\t") + '"';
  }
  /** An input as an RDF term: <iri> or an http(s) address is an IRI, a prefixed name of the
   * page's prefixes is expanded, anything else is a string literal. */
  function toTerm(value) {
    if (value.startsWith("<") && value.endsWith(">")) return iriTerm(value.slice(1, -1));
    if (/^https?:\/\/\S+$/.test(value)) return iriTerm(value);
    const m = CURIE.exec(value);
    if (m) {
      if (!(m[1] in PREFIXES)) {
        throw new Error("unknown prefix " + m[1] + ": (known: " + Object.keys(PREFIXES).join(", ") + ")");
      }
      return iriTerm(PREFIXES[m[1]] + m[2]);
    }
    return literalTerm(value);
  }
  function shortIri(iri) {
    for (const [p, ns] of NAMESPACES) {
      if (iri.startsWith(ns) && LOCAL.test(iri.slice(ns.length))) return p + ":" + iri.slice(ns.length);
    }
    return "<" + iri + ">";
  }
  /** Declarations for the page's prefixes the query does not declare itself, on the query's
   * first line so that line numbers in errors are the user's own. */
  function withPrologue(text) {
    const declared = new Set();
    for (const m of text.matchAll(/(?:^|\s)PREFIX\s+([A-Za-z][\w.-]*)?:/gi)) declared.add(m[1] || "");
    const decls = Object.entries(PREFIXES).filter(([p]) => !declared.has(p))
      .map(([p, ns]) => "PREFIX " + p + ": <" + ns + ">");
    return decls.length ? decls.join(" ") + " " + text : text;
  }

  /** The example's text with declarations for the page's prefixes it uses, so that the
   * editor's text is a complete query (and YASQE flags no undeclared prefix). */
  function declared(text) {
    const used = Object.entries(PREFIXES).filter(([p]) =>
      new RegExp("(^|[\\s(/^|,;{!])" + p + ":", "m").test(text.replace(/^#.*$/gm, "")));
    return used.map(([p, ns]) => "PREFIX " + p + ": <" + ns + ">\n").join("") + text;
  }

  // -- editor ----------------------------------------------------------------------------
  const Yasqe = Yasgui.Yasqe, Yasr = Yasgui.Yasr;
  const prefixList = Object.entries(PREFIXES).map(([p, ns]) => p + ": <" + ns + ">").sort();
  // chipgraph's prefixes only: no prefix.cc, no LOV class/property look-ups
  Yasqe.forkAutocompleter("prefixes", {name: "chipgraphPrefixes", persistenceId: undefined,
    get: () => Promise.resolve(prefixList)}, false);
  const yasqe = new Yasqe($("editor"), {
    value: "PREFIX skos: <" + PREFIXES.skos + ">\n" +
      "SELECT ?entity ?label WHERE { ?entity skos:prefLabel ?label } ORDER BY ?label LIMIT 20",
    persistenceId: null, autocompleters: ["chipgraphPrefixes", "variables"],
    showQueryButton: false, resizeable: true, editorHeight: "18em",
    requestConfig: {endpoint: config.endpoint, method: "POST"},
    // the page's own permalink and Run (with the example's VALUES) replace YASQE's
    createShareableLink: null, consumeShareLink: null,
    extraKeys: {"Ctrl-Enter": () => run(), "Cmd-Enter": () => run()},
  });
  const yasr = new Yasr($("results"), {prefixes: PREFIXES, persistenceId: null,
    pluginOrder: ["table", "response"], defaultPlugin: "table"});

  // -- examples and their parameters -----------------------------------------------------
  const examples = new Map(config.examples.map((e) => [e.name, e]));
  for (const e of config.examples) {
    const o = document.createElement("option");
    o.value = e.name;
    o.textContent = e.name + " \u2014 " + e.title;
    $("example").appendChild(o);
  }
  function showExample(name, values) {
    const ex = examples.get(name), form = $("params");
    form.replaceChildren();
    $("example-about").textContent = ex ? ex.description : "";
    if (!ex) return;
    for (const p of ex.params) {
      const label = document.createElement("label"), input = document.createElement("input");
      label.textContent = "?" + p.name + " ";
      if (p.required) label.className = "required";
      input.name = p.name;
      input.placeholder = p.required ? "required" : "optional";
      input.title = p.about;
      input.value = (values && values[p.name]) || "";
      label.appendChild(input);
      form.appendChild(label);
    }
  }
  $("example").addEventListener("change", () => {
    const ex = examples.get($("example").value);
    showExample($("example").value);
    if (ex) yasqe.setValue(declared(ex.text));
    updatePermalink();
  });
  $("params").addEventListener("submit", (e) => { e.preventDefault(); run(); });
  $("params").addEventListener("input", () => updatePermalink());

  function paramValues() {
    const out = {};
    for (const input of $("params").querySelectorAll("input")) out[input.name] = input.value.trim();
    return out;
  }
  /** The editor's text with a VALUES clause for the example's filled-in parameters. */
  function buildQuery() {
    let text = yasqe.getValue();
    const ex = examples.get($("example").value);
    if (ex) {
      const given = paramValues(), vars = [], terms = [];
      for (const p of ex.params) {
        const v = given[p.name] || "";
        if (!v) {
          if (p.required) throw new Error("?" + p.name + " is required: " + p.about);
          continue;
        }
        let term;
        try { term = toTerm(v); } catch (err) { throw new Error("?" + p.name + ": " + err.message); }
        vars.push("?" + p.name);
        terms.push(term);
      }
      if (vars.length) text = text.replace(/\s+$/, "") + "\nVALUES (" + vars.join(" ") + ") { (" + terms.join(" ") + ") }\n";
    }
    return withPrologue(text);
  }

  // -- running ---------------------------------------------------------------------------
  let last = null;  // {query, json}
  function setStatus(text, isError) {
    $("status").textContent = text;
    $("status").className = isError ? "err" : "";
  }
  async function post(query, accept) {
    const r = await fetch(config.endpoint, {method: "POST", body: new URLSearchParams({query}),
      headers: {"Content-Type": "application/x-www-form-urlencoded", "Accept": accept}});
    const body = await r.text();
    if (!r.ok) throw new Error("HTTP " + r.status + ": " + body);
    return {body, type: r.headers.get("Content-Type") || ""};
  }
  async function run() {
    let query;
    try { query = buildQuery(); } catch (err) { setStatus(err.message, true); return; }
    updatePermalink();
    setStatus("running\u2026", false);
    $("download-csv").disabled = $("download-json").disabled = true;
    const t0 = performance.now();
    let res;
    try {
      res = await post(query, "application/sparql-results+json, text/turtle;q=0.9");
    } catch (err) { setStatus(err.message, true); return; }
    const ms = Math.round(performance.now() - t0);
    yasr.setResponse({data: res.body, contentType: res.type.split(";")[0], status: 200, executionTime: ms});
    const json = res.type.includes("json");
    const rows = json ? JSON.parse(res.body) : null;
    const n = rows && rows.results ? rows.results.bindings.length + " row(s), " : "";
    setStatus(n + (ms / 1000).toFixed(2) + " s", false);
    last = {query, json: res.body, rows: Boolean(rows && rows.results)};
    $("download-json").disabled = !json;
    $("download-csv").disabled = !last.rows;
    document.body.dataset.ran = String(Number(document.body.dataset.ran || 0) + 1);
  }
  $("run").addEventListener("click", run);

  function save(blob, name) {
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  }
  $("download-json").addEventListener("click", () => {
    if (last) save(new Blob([last.json], {type: "application/sparql-results+json"}), "results.json");
  });
  $("download-csv").addEventListener("click", async () => {
    if (!last) return;
    try {  // the server's own SPARQL 1.1 CSV writer, for the same query
      const res = await post(last.query, "text/csv");
      save(new Blob([res.body], {type: "text/csv"}), "results.csv");
    } catch (err) { setStatus(err.message, true); }
  });

  // -- permalink -------------------------------------------------------------------------
  function updatePermalink() {
    const h = new URLSearchParams({query: yasqe.getValue()});
    if ($("example").value) {
      h.set("example", $("example").value);
      for (const [k, v] of Object.entries(paramValues())) if (v) h.set("arg." + k, v);
    }
    const url = location.pathname + location.search + "#" + h.toString();
    history.replaceState(null, "", url);
    $("permalink").href = url;
  }
  function restore() {
    const h = new URLSearchParams(location.hash.slice(1));
    const name = h.get("example");
    if (name && examples.has(name)) {
      const values = {};
      for (const [k, v] of h) if (k.startsWith("arg.")) values[k.slice(4)] = v;
      $("example").value = name;
      showExample(name, values);
      yasqe.setValue(declared(examples.get(name).text));
    }
    if (h.has("query")) yasqe.setValue(h.get("query"));
  }
  restore();
  $("permalink").href = location.href;
  yasqe.on("change", () => { clearTimeout(restore.timer); restore.timer = setTimeout(updatePermalink, 300); });

  // -- entity panel ----------------------------------------------------------------------
  const PANEL_QUERY = `SELECT DISTINCT ?kind ?p ?o ?label WHERE {
  { ?e skos:prefLabel ?o BIND("1 name" AS ?kind) }
  UNION { ?e rdfs:label ?o BIND("2 label" AS ?kind) }
  UNION { ?e skos:altLabel ?o BIND("3 label" AS ?kind) }
  UNION { ?e rdf:type ?o BIND("4 type" AS ?kind) }
  UNION { ?e ?p ?o FILTER(isIRI(?o) && ?p != rdf:type) OPTIONAL { ?o skos:prefLabel ?label } BIND("5 out" AS ?kind) }
  UNION { ?o ?p ?e . ?o skos:prefLabel ?label BIND("6 in" AS ?kind) }
} ORDER BY ?kind ?p ?label ?o LIMIT 300`;

  function iriNode(iri, label) {
    const s = document.createElement("span");
    s.className = "iri";
    s.dataset.iri = iri;
    s.textContent = label || shortIri(iri);
    s.title = iri;
    return s;
  }
  function section(title, items) {
    if (!items.length) return;
    const h = document.createElement("h3"), ul = document.createElement("ul");
    h.textContent = title;
    for (const parts of items) {
      const li = document.createElement("li");
      li.append(...parts);
      ul.appendChild(li);
    }
    $("panel-body").append(h, ul);
  }
  async function openPanel(iri) {
    let query;
    try { query = withPrologue(PANEL_QUERY + "\nVALUES ?e { " + iriTerm(iri) + " }\n"); }
    catch (err) { setStatus(err.message, true); return; }
    $("panel").hidden = false;
    $("panel-title").textContent = shortIri(iri);
    $("panel-iri").textContent = iri;
    $("panel-body").replaceChildren();
    $("panel").dataset.iri = iri;
    $("panel").dataset.loaded = "0";
    let data;
    try { data = JSON.parse((await post(query, "application/sparql-results+json")).body); }
    catch (err) { $("panel-body").textContent = err.message; return; }
    if ($("panel").dataset.iri !== iri) return;  // another entity was opened meanwhile
    const rows = data.results.bindings, labels = new Set(), types = [], out = [], inc = [];
    let named = false;
    for (const b of rows) {
      const kind = b.kind.value;
      if (kind === "1 name" && !named) {
        $("panel-title").textContent = b.o.value;
        named = true;
      }
      if (kind < "4") labels.add(b.o.value);
      else if (kind === "4 type") types.push([iriNode(b.o.value)]);
      else {
        const p = iriNode(b.p.value), o = b.o.type === "uri"
          ? iriNode(b.o.value, b.label && b.label.value) : document.createTextNode(b.o.value);
        (kind === "5 out" ? out : inc).push(kind === "5 out"
          ? [p, document.createTextNode(" \u2192 "), o] : [o, document.createTextNode(" \u2192 "), p]);
      }
    }
    section("Labels", [...labels].sort().map((l) => [document.createTextNode(l)]));
    section("Types", types);
    section("Relations", out);
    section("Mentioned by", inc);
    if (!rows.length) $("panel-body").textContent = "Nothing is stated about it in the store.";
    $("panel").dataset.loaded = "1";
  }
  function onIriClick(e) {
    const a = e.target.closest("a.iri, span.iri");
    if (!a) return;
    const iri = a.dataset.iri || a.getAttribute("href");
    if (!iri) return;
    e.preventDefault();
    e.stopPropagation();
    openPanel(iri);
  }
  $("results").addEventListener("click", onIriClick, true);
  $("panel-body").addEventListener("click", onIriClick, true);
  $("panel-close").addEventListener("click", () => { $("panel").hidden = true; });

  window.chipgraphQueryPage = {yasqe, yasr, toTerm, buildQuery, openPanel};
  document.body.dataset.ready = "1";
})();
