/* Firebreak default theme: copy buttons on code blocks and sortable tables (search is search.js).
   Plain JavaScript, no dependencies; everything degrades to a working page without it.
   Heading anchor links (<a class="anchor">) are already in the HTML. */
(function () {
  "use strict";

  /* ---- Copy buttons -------------------------------------------------------------------------- */

  // navigator.clipboard needs a secure context (https or localhost); file:// pages use the
  // textarea + execCommand fallback.
  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { return fallbackCopy(text); });
    }
    return fallbackCopy(text);
  }

  function fallbackCopy(text) {
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.top = "-1000px";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      document.body.removeChild(area);
      if (ok) resolve(); else reject(new Error("copy failed"));
    });
  }

  function addCopyButtons() {
    var blocks = document.querySelectorAll("pre > code");
    for (var i = 0; i < blocks.length; i++) {
      var code = blocks[i];
      var pre = code.parentNode;
      if (pre.parentNode && pre.parentNode.classList && pre.parentNode.classList.contains("code-block")) continue;
      var wrapper = document.createElement("div");
      wrapper.className = "code-block";
      pre.parentNode.insertBefore(wrapper, pre);
      wrapper.appendChild(pre);
      var button = document.createElement("button");
      button.type = "button";
      button.className = "copy-button";
      button.textContent = "Copy";
      button.setAttribute("aria-label", "Copy code to clipboard");
      button.addEventListener("click", onCopy(code, button));
      wrapper.appendChild(button);
    }
  }

  function onCopy(code, button) {
    return function () {
      copyText(code.textContent).then(function () {
        flash(button, "Copied", true);
      }, function () {
        flash(button, "Press Ctrl+C", false);
        var range = document.createRange();
        range.selectNodeContents(code);
        var sel = window.getSelection();
        sel.removeAllRanges();
        sel.addRange(range);
      });
    };
  }

  function flash(button, text, ok) {
    button.textContent = text;
    button.classList.toggle("copied", ok);
    window.setTimeout(function () {
      button.textContent = "Copy";
      button.classList.remove("copied");
    }, 1600);
  }

  /* ---- Sortable tables ----------------------------------------------------------------------- */

  // A header cell's data-sort-type is "text", "number" or "none"; a body cell's data-sort, when
  // present, is the value sorted on (ISO dates, severity ranks, seconds), else its text.
  function cellValue(row, index, type) {
    var cell = row.cells[index];
    if (!cell) return type === "number" ? -Infinity : "";
    var raw = cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent.trim();
    if (type === "number") {
      var n = parseFloat(raw);
      return isNaN(n) ? -Infinity : n;
    }
    return raw.toLowerCase();
  }

  function sortTable(table, index, type, th) {
    var body = table.tBodies[0];
    if (!body) return;
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    var rows = Array.prototype.slice.call(body.rows);
    var keyed = rows.map(function (row, i) { return { row: row, key: cellValue(row, index, type), i: i }; });
    keyed.sort(function (a, b) {
      var c = 0;
      if (type === "number") c = a.key - b.key;
      else c = a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
      if (!ascending) c = -c;
      return c !== 0 ? c : a.i - b.i;  // stable
    });
    var heads = table.tHead ? table.tHead.rows[0].cells : [];
    for (var h = 0; h < heads.length; h++) heads[h].removeAttribute("aria-sort");
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var frag = document.createDocumentFragment();
    keyed.forEach(function (k) { frag.appendChild(k.row); });
    body.appendChild(frag);
  }

  function makeSortable(table) {
    if (!table.tHead || !table.tHead.rows.length) return;
    var heads = table.tHead.rows[0].cells;
    for (var i = 0; i < heads.length; i++) {
      (function (th, index) {
        var type = th.getAttribute("data-sort-type") || "text";
        if (type === "none") return;
        var button = document.createElement("button");
        button.type = "button";
        button.className = "sort-button";
        while (th.firstChild) button.appendChild(th.firstChild);
        th.appendChild(button);
        button.addEventListener("click", function () { sortTable(table, index, type, th); });
      })(heads[i], i);
    }
  }


  /* ---- Runbook checklists -------------------------------------------------------------------- */

  // GFM task lists in a runbook become live checkboxes. Ticks (with the UTC time of each) stay in
  // localStorage under the page's path and a hash of its content, so an edited runbook starts clean.
  // Nothing leaves the browser; "Copy progress" puts a Markdown summary on the clipboard.
  var CHECKLIST_PREFIX = "firebreak.checklist:";

  // FNV-1a (32-bit) of a string, hex: enough to tell one version of a page's text from another.
  function textHash(text) {
    var h = 0x811c9dc5;
    for (var i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return ("0000000" + h.toString(16)).slice(-8);
  }

  function loadTicks(key) {
    try {
      var parsed = JSON.parse(window.localStorage.getItem(key) || "{}");
      return parsed && typeof parsed === "object" ? parsed : {};
    } catch (e) { return {}; }
  }

  function saveTicks(key, ticks) {
    try {
      // Versions of this page other than the current one are stale: drop them.
      for (var i = window.localStorage.length - 1; i >= 0; i--) {
        var k = window.localStorage.key(i);
        if (k && k !== key && k.indexOf(key.slice(0, key.lastIndexOf(":") + 1)) === 0) window.localStorage.removeItem(k);
      }
      if (Object.keys(ticks).length) window.localStorage.setItem(key, JSON.stringify(ticks));
      else window.localStorage.removeItem(key);
    } catch (e) { /* storage disabled or full: ticks live as long as the page */ }
  }

  // The text of a task item without its nested lists.
  function stepText(li) {
    var text = "";
    for (var n = li.firstChild; n; n = n.nextSibling) {
      if (n.nodeType === 1 && (n.tagName === "UL" || n.tagName === "OL" || n.classList.contains("step-time"))) continue;
      text += n.textContent;
    }
    return text.replace(/\s+/g, " ").trim();
  }

  function utcMinute(iso) { return iso.slice(0, 16).replace("T", " ") + " UTC"; }

  function showTime(box, iso) {
    var li = box.parentNode;
    var old = li.querySelector(":scope > .step-time");
    if (old) li.removeChild(old);
    if (!iso) return;
    var time = document.createElement("time");
    time.className = "step-time muted";
    time.setAttribute("datetime", iso);
    time.textContent = " ticked " + utcMinute(iso);
    var span = document.createElement("span");
    span.className = "step-time";
    span.appendChild(time);
    var nested = li.querySelector(":scope > ul, :scope > ol");
    li.insertBefore(span, nested);
  }

  function progressText(boxes, ticks) {
    var title = document.querySelector(".doc-header h1");
    var done = 0;
    var lines = boxes.map(function (box, i) {
      var at = ticks[i];
      if (at) done++;
      return "- [" + (at ? "x" : " ") + "] " + stepText(box.parentNode) + (at ? " (" + utcMinute(at) + ")" : "");
    });
    return "Runbook: " + (title ? title.textContent.trim() : document.title) + "\n" +
      "URL: " + window.location.href + "\n" +
      "Progress: " + done + " of " + boxes.length + " steps\n" + lines.join("\n") + "\n";
  }

  function makeChecklist(article) {
    var boxes = Array.prototype.slice.call(article.querySelectorAll("li > input[type=checkbox]"));
    if (!boxes.length) return;
    var key = CHECKLIST_PREFIX + window.location.pathname + ":" + textHash(article.textContent);
    var ticks = loadTicks(key);
    boxes.forEach(function (box, i) {
      box.removeAttribute("disabled");
      box.checked = !!ticks[i];
      box.setAttribute("aria-label", stepText(box.parentNode));
      showTime(box, ticks[i]);
      box.addEventListener("change", function () {
        if (box.checked) ticks[i] = new Date().toISOString();
        else delete ticks[i];
        showTime(box, ticks[i]);
        saveTicks(key, ticks);
      });
    });
    var bar = document.createElement("div");
    bar.className = "checklist-bar";
    bar.setAttribute("role", "group");
    bar.setAttribute("aria-label", "Checklist progress");
    var copy = document.createElement("button");
    copy.type = "button";
    copy.className = "checklist-copy";
    copy.textContent = "Copy progress";
    var reset = document.createElement("button");
    reset.type = "button";
    reset.className = "checklist-reset";
    reset.textContent = "Reset";
    var status = document.createElement("span");
    status.className = "checklist-status muted";
    status.setAttribute("role", "status");
    copy.addEventListener("click", function () {
      copyText(progressText(boxes, ticks)).then(function () { status.textContent = "Progress copied"; },
        function () { status.textContent = "Copy failed"; });
    });
    reset.addEventListener("click", function () {
      ticks = {};
      boxes.forEach(function (box) { box.checked = false; showTime(box, null); });
      saveTicks(key, ticks);
      status.textContent = "Checklist cleared";
    });
    bar.appendChild(copy);
    bar.appendChild(reset);
    bar.appendChild(status);
    var first = boxes[0].closest("ul, ol");
    first.parentNode.insertBefore(bar, first);
  }

  function init() {
    var runbook = document.querySelector("main.runbook article.prose");
    if (runbook) makeChecklist(runbook);
    addCopyButtons();
    var tables = document.querySelectorAll("table.sortable");
    for (var i = 0; i < tables.length; i++) makeSortable(tables[i]);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
