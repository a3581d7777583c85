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

// After a swap, move focus to the element the new content marks with
// data-autofocus (a re-rendered form, a conflict notice), so keyboard and
// screen-reader users continue where the change happened.
htmx.onLoad(function (content) {
  if (content === document.body) {
    return; // the first page load: the browser's own autofocus handles it
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
