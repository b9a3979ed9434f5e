// "The paper is different": typing a part of a split chooses "In two parts"
// (the form works without this; the server checks what was chosen).
"use strict";
document.querySelectorAll("[data-split]").forEach((field) => {
  const choose = () => { const split = document.getElementById("split"); if (split) split.checked = true; };
  field.addEventListener("input", choose);
  field.addEventListener("change", choose);
});
