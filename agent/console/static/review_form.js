// "The paper is different": typing a part chooses "In two parts" (unless "Two
// pupils on one slip" is chosen); choosing the second part's pupil chooses
// "Two pupils on one slip" (the form works without this; the server checks
// what was chosen).
"use strict";
const chooser = (id, unless) => () => {
  const radio = document.getElementById(id);
  const other = unless && document.getElementById(unless);
  if (radio && !(other && other.checked)) radio.checked = true;
};
const wire = (selector, choose) => document.querySelectorAll(selector).forEach((field) => {
  field.addEventListener("input", choose);
  field.addEventListener("change", choose);
});
wire("[data-split]", chooser("split", "pupils"));
wire("[data-pupils]", chooser("pupils"));
