// Behaviour shared by every page. Loaded with `defer` after htmx, so `htmx`
// exists when this runs. No inline scripts: pages opt in with data- attributes.
"use strict";

// Forms re-render with their errors as 422 and a stale save answers 409 with a
// conflict notice (DESIGN.md, HTMX conventions); htmx 2 swaps neither by default.
htmx.config.responseHandling = [
  { code: "204", swap: false },
  { code: "[23]..", swap: true },
  { code: "409", swap: true },
  { code: "422", swap: true },
  { code: "[45]..", swap: false, error: true },
];

// Whether part of the page holds what someone typed and has not sent: a card being edited, a
// form whose post failed (storingen.js marks it) or a field changed since the server rendered
// it. A form folded away in its <details> is set aside. The change check (bord.js) does not
// refresh such a part, and after a failed write storingen.js does not reload it.
function houdtInvoer(deel) {
  if (deel.closest("[data-bewerken]") || deel.querySelector("[data-bewerken]")) {
    return true;
  }
  return Array.from(deel.querySelectorAll("form")).some(function (formulier) {
    if (formulier.closest("details:not([open])")) {
      return false;
    }
    const mislukt = formulier.hasAttribute("data-niet-opgeslagen");
    return mislukt || Array.from(formulier.elements).some(isGewijzigd);
  });
}

function isGewijzigd(veld) {
  if (veld.type === "checkbox" || veld.type === "radio") {
    return veld.checked !== veld.defaultChecked;
  }
  if (veld.type === "select-one") {
    // Without a selected attribute the browser shows the first option.
    const standaard = Array.from(veld.options).findIndex(function (optie) {
      return optie.defaultSelected;
    });
    return veld.selectedIndex !== Math.max(standaard, 0);
  }
  if (veld.type === "select-multiple") {
    return Array.from(veld.options).some(function (optie) {
      return optie.selected !== optie.defaultSelected;
    });
  }
  return veld.type !== "hidden" && "defaultValue" in veld && veld.value !== veld.defaultValue;
}

// After a swap, move focus to the element the new content marks with
// data-autofocus (a re-rendered form, a conflict notice), so keyboard and
// screen-reader users continue where the change happened.
htmx.onLoad(function (content) {
  if (content === document.body) {
    // A whole page that comes back with errors (a form sent without htmx) starts at its
    // error summary; otherwise the browser's own autofocus handles the first load.
    const samenvatting = document.querySelector(".ob-error-summary[data-autofocus]");
    if (samenvatting) {
      samenvatting.focus();
    }
    return;
  }
  const target = content.matches("[data-autofocus]")
    ? content
    : content.querySelector("[data-autofocus]");
  if (!target) {
    return;
  }
  // data-autofocus="veld" marks a wrapper around a form field: focus the field itself.
  const veld =
    target.dataset.autofocus === "veld"
      ? target.querySelector("input:not([type=hidden]), select, textarea")
      : null;
  if (veld) {
    veld.focus();
    return;
  }
  if (target.tabIndex < 0 && !target.hasAttribute("tabindex")) {
    target.setAttribute("tabindex", "-1");
  }
  target.focus();
});

// A swap that replaces the control in focus (the change check refreshing a board, a
// mijlpaal ticked off) must not drop keyboard users back to the top of the page: put the
// focus on the same control in the new content, found by its id or as the same n-th
// control inside the nearest element with an id (the card). data-autofocus wins.
const FOCUSBAAR =
  "a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]";
let focusPlek = null;

document.body.addEventListener("htmx:beforeSwap", function (evt) {
  focusPlek = null;
  const actief = document.activeElement;
  if (!actief || actief === document.body || !evt.detail.target.contains(actief)) {
    return;
  }
  const houder = actief.id ? actief : actief.parentElement.closest("[id]");
  if (!houder) {
    return;
  }
  const index =
    actief === houder ? -1 : Array.from(houder.querySelectorAll(FOCUSBAAR)).indexOf(actief);
  focusPlek = { id: houder.id, index: index };
});

document.body.addEventListener("htmx:afterSettle", function () {
  const plek = focusPlek;
  focusPlek = null;
  if (!plek || (document.activeElement && document.activeElement !== document.body)) {
    return;
  }
  const houder = document.getElementById(plek.id);
  const doel = houder && (plek.index < 0 ? houder : houder.querySelectorAll(FOCUSBAAR)[plek.index]);
  if (!doel) {
    return;
  }
  if (doel.tabIndex < 0 && !doel.hasAttribute("tabindex")) {
    doel.setAttribute("tabindex", "-1");
  }
  doel.focus({ preventScroll: true });
});

// Escape inside an inline edit form does what its cancel link does.
document.body.addEventListener("keydown", function (evt) {
  if (evt.key !== "Escape" || evt.defaultPrevented) {
    return;
  }
  const formulier = evt.target.closest && evt.target.closest("[data-bewerken]");
  const annuleren = formulier && formulier.querySelector("[data-annuleren]");
  if (annuleren) {
    evt.preventDefault();
    annuleren.click();
  }
});
