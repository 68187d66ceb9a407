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

  function init() {
    addCopyButtons();
    var tables = document.querySelectorAll("table.sortable");
    for (var i = 0; i < tables.length; i++) makeSortable(tables[i]);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
