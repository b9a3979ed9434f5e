// "Print this page": the till's touch screen has no Ctrl+P (no inline script: the CSP).
document.addEventListener("DOMContentLoaded", () => {
  const button = document.getElementById("print-page");
  if (button) button.addEventListener("click", () => window.print());
});
