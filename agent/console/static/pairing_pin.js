// The pairing PIN on the till's own screen (agent/console/lan.py): the
// server sends "pairing" events only to the till, with the PIN and its
// seconds left; the panel counts down and hides itself when the PIN expires.
// "Not me: cancel" voids it and refuses PINs to that address for 15 minutes.
"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  let ticker = null;
  let saidTimer = null;
  let address = "";

  function cancel() {
    const body = new FormData();
    body.append("csrf", document.querySelector('meta[name="csrf-token"]').content);
    body.append("address", address);
    $("pairing-cancel").disabled = true;
    // The server's "pairing" event then hides the panel and says what it did.
    fetch("/console/devices/pin/cancel", { method: "POST", body, credentials: "same-origin" })
      .finally(() => { $("pairing-cancel").disabled = false; });
  }

  function hide() {
    clearInterval(ticker);
    ticker = null;
    $("pairing").hidden = true;
    $("pairing-pin").textContent = "";
    document.body.dataset.pairing = "";
  }

  function show(ev) {
    if (!ev.pin) {
      hide();
      if (ev.said) {
        const said = $("pairing-said");
        said.textContent = ev.said;
        said.hidden = false;
        clearTimeout(saidTimer);
        saidTimer = setTimeout(() => { said.hidden = true; }, 8000);
      }
      return;
    }
    $("pairing-device").textContent = ev.device;
    address = ev.address;
    $("pairing-address").textContent = "(" + (ev.address_words || ev.address) + ")";
    $("pairing-pin").textContent = ev.pin.slice(0, 3) + " " + ev.pin.slice(3);
    $("pairing-said").hidden = true;
    const until = Date.now() + ev.expires_in * 1000;
    const tick = () => {
      const left = Math.max(0, Math.round((until - Date.now()) / 1000));
      if (left === 0) { hide(); return; }
      $("pairing-left").textContent = Math.floor(left / 60) + ":" +
        String(left % 60).padStart(2, "0");
    };
    clearInterval(ticker);
    tick();
    ticker = setInterval(tick, 1000);
    $("pairing").hidden = false;
    document.body.dataset.pairing = "shown";
  }

  document.addEventListener("DOMContentLoaded", () => {
    $("pairing-cancel").addEventListener("click", cancel);
  });
  window.tillPairing = { show };
})();
