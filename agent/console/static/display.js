// The operator display: live by Server-Sent Events (the browser reconnects
// by itself and sends Last-Event-ID), rendered with textContent only.
"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const pending = new Map(); // event id -> {name, allergens}

  function post(url, fields) {
    const body = new FormData();
    body.append("csrf", csrf);
    for (const [k, v] of Object.entries(fields)) body.append(k, v);
    return fetch(url, { method: "POST", body, credentials: "same-origin" })
      .then((r) => r.json());
  }

  function showMessage(text, at) {
    $("idle").hidden = true;
    $("pupil").hidden = true;
    const m = $("message");
    m.textContent = text;
    // It stays until the next person: when it was said (the till's own time).
    const when = at ? new Date(at) : null;
    $("message-at").textContent = when && !isNaN(when)
      ? "at " + when.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" }) : "";
    m.hidden = false;
    $("message-at").hidden = !$("message-at").textContent;
    $("person").className = "person warn";
    document.body.dataset.shown = "message";
  }

  const METHODS = { card: "Card", biometric: "Fingerprint", name: "Name search", pin: "PIN" };

  function showPupil(ev) {
    const p = ev.pupil;
    $("idle").hidden = true;
    $("message").hidden = true;
    $("message-at").hidden = true;
    $("pupil").hidden = false;
    $("name").textContent = p.name;
    // A long name in smaller type: at the till's 600 px, three lines of a
    // name pushed the figures out of the panel.
    $("name").classList.toggle("long", p.name.length > 18);
    $("year").textContent = p.year;
    $("method").textContent = METHODS[ev.method] || ev.method;
    showFigures(p);
    showPhoto(p.photo);
    $("sale-note").hidden = true;
    const strip = $("allergy-strip");
    strip.hidden = p.allergens.length === 0;
    strip.textContent = p.allergens.length ? "Allergies: " + p.allergens.join(", ") : "";
    $("person").className = "person shown";
    document.body.dataset.shown = "pupil";
  }

  // The pupil's money: at the tap, and again with their sale in it.
  function showFigures(p) {
    $("balance").textContent = p.balance;
    $("balance").className = p.balance_negative ? "neg" : "";
    $("allowance").textContent = p.allowance_left;
    $("limit").textContent = p.limit_left;
    $("limit-note").textContent = p.limit_note ? "(" + p.limit_note + ")" : "";
    // An amount large; words ("No daily limit", "None left: £0.80 over") as the debt's.
    $("limit").className = /^-?[£€][\d,.]+$/.test(p.limit_left) ? "" : "small";
    $("debt").textContent = p.debt;
    $("debt").className = p.debt_warning ? "small neg" : "small";
    $("caveat").textContent = p.caveat || "";
    $("caveat").hidden = !p.caveat;
  }

  // The photo is shown only once it has loaded (until then, and when there
  // is none or it fails, the neutral outline): never the last pupil's photo
  // under this pupil's name, never a broken-image icon.
  function showPhoto(url) {
    const img = $("photo");
    img.hidden = true;
    // (an <svg> has no .hidden property: the attribute itself)
    $("photo-none").toggleAttribute("hidden", false);
    document.body.dataset.photo = url ? "loading" : "none";
    if (!url) { img.removeAttribute("src"); return; }
    img.onload = () => {
      if (img.getAttribute("src") !== url) return; // a later pupil's photo was asked for
      img.hidden = false;
      $("photo-none").toggleAttribute("hidden", true);
      document.body.dataset.photo = "shown";
    };
    img.onerror = () => { document.body.dataset.photo = "none"; };
    img.src = url;
  }

  function showIdle() {
    $("pupil").hidden = true;
    $("message").hidden = true;
    $("message-at").hidden = true;
    $("idle").hidden = false;
    $("person").className = "person idle";
    document.body.dataset.shown = "idle";
  }

  function showSale(s) {
    // A cash customer, or a pupil this screen did not show (an account printed
    // on the receipt alone): the pupil on screen is not this sale's.
    if (!s.identified || !s.name) showIdle();
    $("sale").hidden = false;
    const [heading, totalLabel, tenderLabel] = s.words || ["Last sale", "Total", "Paid by"];
    $("sale-heading").textContent = heading;
    $("sale-total-label").textContent = totalLabel;
    $("sale-tender-label").textContent = tenderLabel;
    $("sale-name").textContent = s.name ? "· " + s.name
      : (s.identified ? "· for the account printed on the receipt" : "· no pupil identified");
    const table = $("sale-lines");
    table.replaceChildren();
    for (const ln of s.lines) {
      const tr = table.insertRow();
      tr.insertCell().textContent = ln.quantity > 1 ? ln.quantity + " × " + ln.description
                                                    : ln.description;
      const amount = tr.insertCell();
      amount.textContent = ln.amount;
      amount.className = "num";
    }
    $("sale-total").textContent = s.total || "not printed";
    $("sale-tender").textContent = s.tender || "—";
    const flags = $("sale-flags");
    flags.replaceChildren();
    for (const f of s.flag_words) {
      const li = document.createElement("li");
      li.dataset.flag = f.code;
      const what = document.createElement("span");
      what.className = "flag-what";
      what.textContent = f.sentence;
      const todo = document.createElement("span");
      todo.className = "flag-do";
      todo.textContent = f.action;
      li.append(what, todo);
      flags.appendChild(li);
    }
    $("sale").className = s.alert ? "sale alert" : "sale";
    // The pupil still shown is the one who paid: their figures now include
    // this sale, or, when the till no longer has what they are worked from,
    // the cook is told they are the tap's.
    const theirs = s.identified && !$("pupil").hidden && s.name === $("name").textContent;
    const note = $("sale-note");
    note.hidden = !theirs;
    if (!theirs) return;
    if (s.pupil_after) {
      showFigures(s.pupil_after);
      note.textContent = s.kind === "refund" ? "Figures after this refund."
                                              : "Figures after this sale.";
      note.dataset.when = "after";
    } else {
      note.textContent = "These figures are from before the last sale.";
      note.dataset.when = "before";
    }
  }

  function showBanner() {
    const banner = $("banner");
    if (pending.size === 0) {
      banner.hidden = true;
      document.body.classList.remove("blocked");
      return;
    }
    const [event, p] = pending.entries().next().value;
    banner.dataset.event = event;
    $("banner-title").textContent = p.name;
    // The photo helps find the right child in the queue. Its space is kept
    // from the start (the button must not move under a finger when it
    // loads); it is drawn once loaded, and a failed one stays blank.
    const photo = $("banner-photo");
    if (photo.dataset.url !== (p.photo || "")) {
      photo.dataset.url = p.photo || "";
      photo.hidden = !p.photo;
      photo.classList.add("loading");
      if (p.photo) {
        photo.onload = () => {
          if (photo.dataset.url === p.photo) photo.classList.remove("loading");
        };
        photo.src = p.photo;
      } else {
        photo.removeAttribute("src");
      }
    }
    $("banner-allergens").textContent = p.allergens.join(", ");
    $("banner-more").textContent = pending.size > 1 ? (pending.size - 1) + " more waiting" : "";
    // A search list left open would sit over the banner, and over the
    // pupil's allergies once it is acknowledged: the search is over.
    closeSearch();
    banner.hidden = false;
    document.body.classList.add("blocked");
    $("banner-ack").focus();
  }

  function handle(kind, ev) {
    if (kind === "state") {
      pending.clear();
      for (const p of ev.pending) pending.set(String(p.event), p);
      // In the order they happened: a sale after the pupil was shown is theirs.
      const saleLater = ev.sale && (!ev.person || ev.sale.id > ev.person.id);
      if (ev.sale && !saleLater) showSale(ev.sale.sale);
      // The pending list above is the truth about banners: a person event
      // still says needs_ack after it was acknowledged.
      if (!ev.person) showIdle();
      else if (ev.person.kind === "identified") showPupil(ev.person);
      else showMessage(ev.person.message, ev.person.at);
      if (saleLater) showSale(ev.sale.sale);
      showBanner();
      return;
    }
    if (kind === "identified") {
      showPupil(ev);
      if (ev.needs_ack) {
        pending.set(String(ev.id), { name: ev.name, allergens: ev.allergens,
                                     photo: ev.pupil.photo });
      }
      showBanner();
    } else if (kind === "unknown_card" || kind === "refused" || kind === "no_match") {
      showMessage(ev.message, ev.at);
    } else if (kind === "sale") {
      showSale(ev.sale);
    } else if (kind === "ack") {
      pending.delete(String(ev.event));
      showBanner();
    }
  }

  function connect() {
    const es = new EventSource("/display/events");
    const link = $("link");
    es.onopen = () => { link.textContent = "Live"; link.className = "link up"; };
    es.onerror = () => { link.textContent = "Reconnecting…"; link.className = "link down"; };
    // The PIN panel (pairing_pin.js): sent to the till's own screen only.
    es.addEventListener("pairing", (m) => window.tillPairing.show(JSON.parse(m.data)));
    for (const kind of ["state", "identified", "unknown_card", "refused", "no_match", "sale",
                        "ack"]) {
      es.addEventListener(kind, (m) => {
        handle(kind, JSON.parse(m.data));
        document.body.dataset.lastEvent = m.lastEventId;
      });
    }
  }

  // What is not working at the till (a reader unplugged, the printer not
  // answering): the runtime publishes it every few seconds, so ask as often.
  function checkDevices() {
    fetch("/display/devices", { credentials: "same-origin" })
      .then((r) => (r.ok ? r.json() : null))
      .then((got) => {
        if (!got) return;
        const strip = $("devices-down");
        strip.textContent = got.down.join(" ");
        strip.hidden = got.down.length === 0;
        $("idle").textContent = got.idle;
      })
      .catch(() => {});  // the link indicator already says when the till is unreachable
  }
  checkDevices();
  setInterval(checkDevices, 5000);

  $("banner-ack").addEventListener("click", () => {
    const event = $("banner").dataset.event;
    $("banner-ack").disabled = true;
    post("/display/ack", { event }).then(() => {
      pending.delete(event);
      showBanner();
    }).finally(() => { $("banner-ack").disabled = false; });
  });

  let timer = null;
  $("search").addEventListener("submit", (e) => e.preventDefault());
  $("q").addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(search, 150);
  });

  // The keyboard as well as touch: Down from the box into the names, Up and
  // Down between them (Up from the first back to the box), Escape closes.
  function resultButtons() { return Array.from($("results").querySelectorAll("button")); }
  $("q").addEventListener("keydown", (e) => {
    if (e.key === "ArrowDown" && resultButtons().length && !$("results").hidden) {
      e.preventDefault();
      resultButtons()[0].focus();
    } else if (e.key === "Escape") {
      closeSearch();
    }
  });
  $("results").addEventListener("keydown", (e) => {
    const buttons = resultButtons();
    const at = buttons.indexOf(document.activeElement);
    if (e.key === "ArrowDown" && at >= 0 && at < buttons.length - 1) {
      e.preventDefault();
      buttons[at + 1].focus();
    } else if (e.key === "ArrowUp" && at >= 0) {
      e.preventDefault();
      (at === 0 ? $("q") : buttons[at - 1]).focus();
    } else if (e.key === "Escape") {
      closeSearch();
      $("q").focus();
    }
  });

  function closeSearch() {
    clearTimeout(timer);
    $("results").hidden = true;
    $("q").value = "";
  }

  function search() {
    const q = $("q").value.trim();
    const list = $("results");
    if (q.length < 2) { list.hidden = true; return; }
    post("/display/search", { q }).then((r) => {
      // An answer arriving under the allergen banner, or after the box was
      // cleared, is not shown.
      if (!$("banner").hidden || $("q").value.trim() !== q) return;
      // A name already chosen with the arrow keys keeps the focus when the
      // answer to a later keystroke replaces the list (typed fast, it was lost).
      const focused = resultButtons().indexOf(document.activeElement);
      list.replaceChildren();
      if (r.pupils.length === 0) {
        const li = document.createElement("li");
        li.className = "hint";
        li.textContent = r.hint;
        list.appendChild(li);
      }
      for (const p of r.pupils) {
        const li = document.createElement("li");
        const b = document.createElement("button");
        b.type = "button";
        b.textContent = p.name + (p.year ? "  ·  " + p.year : "");
        b.addEventListener("click", () => {
          post("/display/choose", { pupil: p.pupil });
          list.hidden = true;
          $("q").value = "";
        });
        li.appendChild(b);
        list.appendChild(li);
      }
      list.hidden = false;
      const buttons = resultButtons();
      if (focused >= 0 && buttons.length) buttons[Math.min(focused, buttons.length - 1)].focus();
    });
  }

  connect();
})();
