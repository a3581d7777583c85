// A write that fails: a notice in the status region, what was typed stays, and the board goes
// back to what the server has. Loaded with `defer` after htmx on every page.
//
// A write is any request but a GET. It fails when the server answers with a status htmx does
// not swap (opgavebord.js: 409 and 422 are answers the page shows; every other 4xx and 5xx is
// an error), when the network fails, or when no answer comes within htmx's `timeout` (the
// htmx-config meta in base.html). The server stored nothing of a write that ended in a 5xx
// (config.middleware.SchrijvenAllesOfNiets); after a timeout or a lost connection only the
// server knows, which is why the board is read back from it either way.
//
// Markup it reads and writes:
//   <template id="niet-opgeslagen">, <template id="niet-opgeslagen-kaart">
//                           the notice in the page's language (base.html); the second names
//                           the card, in its [data-kaart]
//   data-niet-opgeslagen   on a form whose post failed: it holds what was typed, so neither
//                           this file nor the change check replaces it (opgavebord.js: houdtInvoer)
//   data-verouderd         on a board with a change check (data-ververs) that may show what the
//                           server does not have: its change check fetches the whole board
"use strict";

(function () {
  const VELDEN = "input:not([type=hidden]), select, textarea";
  let aankondiging = null;

  function isSchrijven(detail) {
    return detail.requestConfig && detail.requestConfig.verb !== "get";
  }

  // The card a write was about: the one dragged (the SortableJS event that bord.js passes
  // on), or the one whose button was pressed.
  function kaartVan(gebeurtenis) {
    const element = gebeurtenis && (gebeurtenis.item || gebeurtenis.submitter);
    return element && element.closest ? element.closest("[data-id]") : null;
  }

  function titelVan(kaart) {
    const kop = kaart && kaart.querySelector(".ob-card__title");
    if (!kop) {
      return "";
    }
    const zichtbaar = kop.cloneNode(true);
    zichtbaar.querySelectorAll(".ob-visually-hidden").forEach(function (verborgen) {
      verborgen.remove();
    });
    return zichtbaar.textContent.replace(/\s+/g, " ").trim();
  }

  // The notice replaces what the status region said. The region is emptied first and filled
  // a moment later, so screen readers also announce a second notice with the same words.
  function meldNietOpgeslagen(kaart) {
    const regio = document.getElementById("berichten");
    const titel = titelVan(kaart);
    const sjabloon = document.getElementById(titel ? "niet-opgeslagen-kaart" : "niet-opgeslagen");
    if (!regio || !sjabloon) {
      return;
    }
    const melding = sjabloon.content.cloneNode(true);
    if (titel) {
      melding.querySelector("[data-kaart]").textContent = titel;
    }
    window.clearTimeout(aankondiging);
    regio.replaceChildren();
    aankondiging = window.setTimeout(function () {
      regio.replaceChildren(melding);
    }, 100);
  }

  function ruimMeldingOp() {
    window.clearTimeout(aankondiging);
    const melding = document.querySelector("#berichten [data-storing]");
    if (melding) {
      melding.remove();
    }
  }

  // The part the write was about, as the server has it. A board with a change check is marked,
  // so that check fetches it whole (opgavebord.js: houdtInvoer says when nobody is busy on
  // it); when nobody is, it is fetched at once, one render. Otherwise the part alone is read
  // back from the page's own URL, unless it holds what someone typed.
  function herstel(detail) {
    // The target as it is now: a change check may have replaced it while the write waited.
    const deel = (detail.target.id && document.getElementById(detail.target.id)) || detail.target;
    const bord = deel.closest("[data-ververs]");
    if (bord) {
      bord.setAttribute("data-verouderd", "");
      if (!houdtInvoer(bord)) {
        htmx.ajax("GET", bord.getAttribute("hx-get"), {
          source: bord,
          target: bord,
          swap: "outerHTML",
        });
        return;
      }
    }
    if (deel.id && !houdtInvoer(deel)) {
      herlaadVanPagina(deel);
    }
  }

  function herlaadVanPagina(deel) {
    htmx.ajax("GET", location.pathname + location.search, {
      source: deel,
      target: deel,
      handler: function (_bron, antwoord) {
        const pagina = antwoord.xhr.status === 200 ? antwoord.xhr.response : "";
        // Not swapped when the answer lacks the part (a login page, say): htmx would empty it.
        if (deel.isConnected && pagina.includes(`id="${deel.id}"`)) {
          htmx.swap(deel, pagina, { swapStyle: "outerHTML" }, { select: `#${deel.id}` });
        }
      },
    });
  }

  function nietOpgeslagen(evt) {
    if (!isSchrijven(evt.detail)) {
      return;
    }
    meldNietOpgeslagen(kaartVan(evt.detail.requestConfig.triggeringEvent));
    // htmx swaps nothing after a failure, so the form keeps what was typed; the mark keeps
    // the board from refreshing over it.
    const formulier = evt.detail.elt.closest("form");
    if (formulier && formulier.querySelector(VELDEN)) {
      formulier.setAttribute("data-niet-opgeslagen", "");
    }
    herstel(evt.detail);
  }

  ["htmx:responseError", "htmx:sendError", "htmx:timeout"].forEach(function (naam) {
    document.body.addEventListener(naam, nietOpgeslagen);
  });

  // A write that succeeds makes the last notice old news, and its form holds nothing unsaved.
  document.body.addEventListener("htmx:afterRequest", function (evt) {
    if (!isSchrijven(evt.detail) || !evt.detail.successful) {
      return;
    }
    ruimMeldingOp();
    const formulier = evt.detail.elt.closest("form");
    if (formulier) {
      formulier.removeAttribute("data-niet-opgeslagen");
    }
  });

  // The change check of a board marked data-verouderd leaves out the stand it knows, so the
  // server answers with the whole board; the answer replaces the board, and the mark with it.
  document.body.addEventListener("htmx:configRequest", function (evt) {
    if (!evt.detail.elt.hasAttribute("data-verouderd")) {
      return;
    }
    const adres = new URL(evt.detail.path, location.href);
    adres.searchParams.delete("sinds");
    evt.detail.path = adres.pathname + adres.search;
  });
})();
