// Small enhancements; every page works without them. Loaded with Subresource Integrity.
"use strict";

// Site notices: closing one is remembered in this browser's own storage (no cookie, nothing
// sent). The key changes when staff edit the notice, so a changed notice shows again.
for (const notice of document.querySelectorAll("[data-notice-key]")) {
  const key = notice.dataset.noticeKey;
  let closed = false;
  try { closed = localStorage.getItem(key) === "closed"; } catch { /* storage blocked: keep showing */ }
  if (closed) { notice.hidden = true; continue; }
  const button = notice.querySelector(".notice-close");
  if (!button) continue;
  button.classList.remove("js-only");
  button.addEventListener("click", () => {
    notice.hidden = true;
    try { localStorage.setItem(key, "closed"); } catch { /* nothing to remember it in */ }
    document.getElementById("main").focus();
  });
}

// "Print" buttons (the family guide). Without JavaScript the browser's own Print works.
for (const button of document.querySelectorAll("[data-print]")) {
  button.classList.remove("js-only");
  button.addEventListener("click", () => window.print());
}

// A form sent once stays sent: a second click while the page loads does nothing.
// (The server also saves one request per form, whatever arrives.)
for (const form of document.querySelectorAll("form[data-send-once]")) {
  form.addEventListener("submit", (event) => {
    if (form.dataset.sent) { event.preventDefault(); return; }
    form.dataset.sent = "yes";
  });
}

// A printed link shows its full address (print.css); without this, the path after the site.
for (const link of document.querySelectorAll('main a[href^="/"]:not(.term)')) {
  link.dataset.printUrl = link.href;
}

// The family guide prints the day it is printed (the page itself may be cached a while).
const today = document.querySelector("time[data-today]");
if (today) {
  window.addEventListener("beforeprint", () => {
    const now = new Date();
    today.dateTime = now.toISOString().slice(0, 10);
    today.textContent = now.toLocaleDateString(document.documentElement.lang, { year: "numeric", month: "long", day: "numeric" });
  });
}

// The menu (a <details>, which works without this): Escape closes it and returns to its button.
for (const menu of document.querySelectorAll("details.site-menu")) {
  menu.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && menu.open) {
      menu.open = false;
      menu.querySelector("summary").focus();
    }
  });
}
