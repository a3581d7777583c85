// Boards: drag-and-drop with SortableJS, and the periodic change check.
// Loaded with `defer` after htmx and Sortable. Markup opts in with data- attributes:
//   data-sorteerbaar        a list whose cards can be dragged (cards carry data-id)
//   data-verplaats-url      where a move is posted
//   data-veld               the name under which the card's id is sent (opgave, actie)
//   data-kolom              for kanban columns: the column a card lands in
//   data-groep              lists sharing a group exchange cards (the kanban columns)
//   data-doel               the element the server's answer replaces
//   data-kolom-veld         the name under which the column is sent (default: kolom)
//   data-volgorde-vast      a column whose order the server decides: moves within it are no-ops
//   data-versie             on a card: its version, sent along for optimistic locking
//   data-ververs            an element polled by htmx; skipped while someone is busy
// A move that fails is announced and undone by storingen.js.
"use strict";

(function () {
  let slepen = false;

  function verplaats(evt) {
    const lijst = evt.to;
    const bron = evt.from;
    if (lijst === bron && (evt.oldIndex === evt.newIndex || "volgordeVast" in bron.dataset)) {
      return;
    }
    const vorige = evt.item.previousElementSibling;
    const waarden = { na: vorige && vorige.dataset.id ? vorige.dataset.id : "" };
    waarden[bron.dataset.veld] = evt.item.dataset.id;
    if (lijst.dataset.kolom) {
      waarden[lijst.dataset.kolomVeld || "kolom"] = lijst.dataset.kolom;
    }
    if (evt.item.dataset.versie) {
      waarden.versie = evt.item.dataset.versie;
    }
    // A kanban card carries its own move URL; a priority list has one for all its cards.
    const url = evt.item.dataset.verplaatsUrl || bron.dataset.verplaatsUrl;
    htmx.ajax("POST", url, {
      source: bron,
      event: evt, // storingen.js names the card when the move fails
      target: bron.dataset.doel,
      swap: "outerHTML",
      values: waarden,
    });
  }

  htmx.onLoad(function (inhoud) {
    inhoud.querySelectorAll("[data-sorteerbaar]").forEach(function (lijst) {
      Sortable.create(lijst, {
        group: lijst.dataset.groep || undefined,
        draggable: "[data-id]",
        filter: "a, button, input, select, textarea",
        preventOnFilter: false,
        animation: 150,
        onStart: function () {
          slepen = true;
        },
        onEnd: function (evt) {
          slepen = false;
          verplaats(evt);
        },
      });
    });
  });

  // Do not refresh a board under someone's hands: while dragging or typing in it, or while it
  // holds what someone typed and has not sent (opgavebord.js: houdtInvoer).
  document.body.addEventListener("htmx:beforeRequest", function (evt) {
    const element = evt.detail.elt;
    if (!element.hasAttribute || !element.hasAttribute("data-ververs")) {
      return;
    }
    const actief = document.activeElement;
    const bezig =
      actief &&
      element.contains(actief) &&
      actief.matches("input, textarea, select, [contenteditable]");
    if (slepen || bezig || houdtInvoer(element)) {
      evt.preventDefault();
    }
  });
})();
