/* Firebreak default theme: ```mermaid blocks drawn as diagrams. Only pages that have one load this.

   The HTML keeps each diagram as its source in a code block, which is what a reader without JavaScript
   sees. This script loads mermaid's browser bundle (assets/vendor/mermaid.min.js, a classic script, so it
   works from file:// as over http) and draws each block with securityLevel "strict" (labels are sanitised
   text, no click handlers): once in mermaid's "default" theme (the one that is printed) and, while the page
   is dark, once more in its "dark" theme; style.css shows the one that fits. A block mermaid cannot parse
   keeps its source and gets an error box with mermaid's message, and the other diagrams are drawn all the
   same. A drawn diagram keeps its source under "Diagram source". body[data-diagrams] reads "loading", then
   "done" (or "unavailable" when the bundle cannot be loaded: the blocks stay code). */
(function () {
  "use strict";

  var blocks = Array.prototype.slice.call(document.querySelectorAll("pre > code.language-mermaid"));
  if (!blocks.length) return;
  var dark = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
  var library = null;  // the Promise of window.mermaid
  var queue = Promise.resolve();

  // A <figure class="diagram"> around the code block (and the copy button site.js put beside it).
  function wrap(code, i) {
    var pre = code.parentNode;
    var parent = pre.parentNode;
    var block = parent.classList && parent.classList.contains("code-block") ? parent : pre;
    var figure = document.createElement("figure");
    figure.className = "diagram";
    figure.id = "fb-diagram-" + (i + 1);
    figure.setAttribute("data-state", "loading");
    block.parentNode.insertBefore(figure, block);
    figure.appendChild(block);
    return { id: figure.id, source: code.textContent, figure: figure, block: block, drawn: {}, failed: false };
  }

  function loadLibrary() {
    if (!library) {
      library = new Promise(function (resolve, reject) {
        if (window.mermaid) { resolve(window.mermaid); return; }
        var script = document.createElement("script");
        script.src = (document.body.getAttribute("data-root") || "") + "assets/vendor/mermaid.min.js";
        script.onload = function () {
          if (window.mermaid) resolve(window.mermaid); else reject(new Error("mermaid did not start"));
        };
        script.onerror = function () { reject(new Error("cannot load " + script.src)); };
        document.head.appendChild(script);
      });
    }
    return library;
  }

  // The diagram's title: `title:` in its front matter (---\ntitle: …\n---) or its accTitle, else "".
  function diagramTitle(source) {
    var front = /^\s*---\s*\n([\s\S]*?)\n\s*---/.exec(source);
    var m = (front && /^\s*title:\s*(.+?)\s*$/m.exec(front[1])) || /^\s*accTitle\s*:\s*(.+?)\s*$/m.exec(source);
    return m ? m[1].replace(/^(["'])(.*)\1$/, "$2") : "";
  }

  // Mermaid's SVG is a graphics-document; it gets a name when the diagram has no accTitle of its own.
  function label(d, svg) {
    var title = diagramTitle(d.source) || "Diagram";
    d.figure.setAttribute("aria-label", title);
    if (svg && !svg.getAttribute("aria-labelledby")) svg.setAttribute("aria-label", title);
  }

  // The code block moves into a closed <details> once the diagram is drawn.
  function sourceBelow(d) {
    if (d.details) return;
    var details = document.createElement("details");
    details.className = "diagram-source";
    var summary = document.createElement("summary");
    summary.textContent = "Diagram source";
    details.appendChild(summary);
    d.figure.appendChild(details);
    details.appendChild(d.block);
    d.details = details;
  }

  function showError(d, error) {
    d.failed = true;
    var box = document.createElement("div");
    box.className = "diagram-error";
    var head = document.createElement("strong");
    head.textContent = "This diagram could not be drawn. Its source is below.";
    var message = document.createElement("pre");
    message.className = "diagram-error-message";
    message.textContent = (error && error.message) || String(error);
    box.appendChild(head);
    box.appendChild(message);
    d.figure.insertBefore(box, d.figure.firstChild);
    d.figure.classList.add("diagram-invalid");
    d.figure.setAttribute("data-state", "error");
  }

  // Mermaid leaves its scratch element in the body when a render fails.
  function removeScratch(id) {
    ["d" + id, "i" + id, id].forEach(function (x) {
      var el = document.getElementById(x);
      if (el && !el.closest(".diagram")) el.parentNode.removeChild(el);
    });
  }

  function draw(mermaid, d, theme) {
    if (d.failed || d.drawn[theme]) return Promise.resolve();
    var id = d.id + "-" + theme;
    mermaid.initialize({ startOnLoad: false, securityLevel: "strict", theme: theme, suppressErrorRendering: true });
    return mermaid.parse(d.source).then(function () {
      return mermaid.render(id, d.source);
    }).then(function (result) {
      var view = document.createElement("div");
      view.className = "diagram-view theme-" + theme;
      view.innerHTML = result.svg;
      sourceBelow(d);
      d.figure.insertBefore(view, d.details);
      label(d, view.querySelector("svg"));
      d.drawn[theme] = true;
      if (theme === "dark") d.figure.classList.add("has-dark");
      d.figure.setAttribute("data-state", "drawn");
    }).catch(function (error) {
      removeScratch(id);
      showError(d, error);
    });
  }

  function drawAll() {
    var themes = dark && dark.matches ? ["default", "dark"] : ["default"];
    document.body.setAttribute("data-diagrams", "loading");
    queue = queue.then(loadLibrary).then(function (mermaid) {
      return diagrams.reduce(function (done, d) {
        return themes.reduce(function (next, theme) {
          return next.then(function () { return draw(mermaid, d, theme); });
        }, done);
      }, Promise.resolve());
    }).then(function () {
      document.body.setAttribute("data-diagrams", "done");
    }, function () {
      document.body.setAttribute("data-diagrams", "unavailable");
      diagrams.forEach(function (d) { if (!d.details && !d.failed) d.figure.setAttribute("data-state", "unavailable"); });
    });
  }

  var diagrams = blocks.map(wrap);
  drawAll();
  // Turning the system dark later draws the dark versions then.
  if (dark && dark.addEventListener) dark.addEventListener("change", function () { if (dark.matches) drawAll(); });
})();
