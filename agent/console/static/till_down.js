// When the till's software stops answering, the page already open says so
// (the browser itself says nothing until someone reloads it, and then only
// that it cannot connect). It asks every few seconds; any answer at all,
// even a refusal, means the software is running. The words are the page's
// (#till-down in base.html; the display has its own).
(() => {
  "use strict";
  const box = document.getElementById("till-down");
  if (!box) return;
  const loaded = new Date();
  let misses = 0;
  let since = null;
  // How often to ask (a test asks more often: window.tillDownEvery, in ms).
  const every = () => Number(window.tillDownEvery) || 5000;
  const hhmm = (d) => d.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });
  const fill = (name, text) => {
    for (const el of box.querySelectorAll(`[data-${name}]`)) el.textContent = text;
  };

  function answered() {
    misses = 0;
    if (box.dataset.state !== "down") return;
    box.dataset.state = "back";
    fill("back", hhmm(new Date()));
    box.querySelector(".down-words").hidden = true;
    for (const el of document.querySelectorAll('[data-key="daemon_running"]')) {
      el.textContent = "Answering again (reload for its figures)";
    }
    const back = box.querySelector(".back-words");
    // The display reconnects by itself; a page of figures must be reloaded.
    if (back) back.hidden = false; else box.hidden = true;
  }

  function missed() {
    since = misses === 0 ? new Date() : since;
    misses += 1;
    // Two misses in a row: one lost answer on a busy network is not an outage.
    if (misses < 2 || box.dataset.state === "down") return;
    box.dataset.state = "down";
    fill("since", hhmm(since));
    fill("loaded", hhmm(loaded));
    box.querySelector(".down-words").hidden = false;
    const back = box.querySelector(".back-words");
    if (back) back.hidden = true;
    box.hidden = false;
    // The till queue's "Till software: Running" is from before: said as it is now.
    for (const el of document.querySelectorAll('[data-key="daemon_running"]')) {
      el.textContent = "Not answering (since " + hhmm(since) + ")";
    }
  }

  function ask() {
    fetch("/console/alive", { cache: "no-store", credentials: "same-origin" })
      .then(answered, missed)
      .finally(() => setTimeout(ask, every()));
  }
  const reload = box.querySelector("[data-reload]");
  if (reload) reload.addEventListener("click", () => window.location.reload());
  setTimeout(ask, every());
})();
