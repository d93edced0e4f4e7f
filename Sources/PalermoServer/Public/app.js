// Progressive enhancement only: every form works without this file.
"use strict";

// After a failed submit, move focus to the list of problems so a screen reader announces it.
function focusProblems() {
  const problems = document.getElementById("problems");
  if (problems) problems.focus();
}

// Fields that apply only when another field holds a value (data-shown-when="name=value") are hidden
// otherwise. Hidden fields keep their values; the server decides what is stored.
function applyConditions(form) {
  for (const field of form.querySelectorAll("[data-shown-when]")) {
    const [name, value] = field.dataset.shownWhen.split("=");
    const chosen = [...form.querySelectorAll("[name='" + CSS.escape(name) + "']")]
      .some((input) => (input.type === "checkbox" ? input.checked : true) && input.value === value);
    const holdsValue = [...field.querySelectorAll("input, select, textarea")]
      .some((input) => (input.type === "checkbox" ? input.checked : input.value !== ""));
    field.hidden = !chosen && !holdsValue;
  }
}

// A long select (the countries) gets a box to type into: the choices narrow to those that match, and a
// single match is chosen. Without the script the select works as it is.
function simplify(text) {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
}

function addFilter(select) {
  const box = document.createElement("input");
  box.type = "search";
  box.className = "choice-filter";
  box.setAttribute("aria-label", select.dataset.filter);
  box.placeholder = select.dataset.filter;
  box.setAttribute("aria-controls", select.id);
  box.addEventListener("input", () => {
    const wanted = simplify(box.value.trim());
    const shown = [];
    for (const option of select.options) {
      option.hidden = option.value !== "" && wanted !== "" && !simplify(option.text).includes(wanted);
      if (!option.hidden && option.value !== "") shown.push(option);
    }
    if (shown.length === 1) select.value = shown[0].value;
  });
  select.before(box);
}

document.addEventListener("DOMContentLoaded", () => {
  for (const select of document.querySelectorAll("select[data-filter]")) addFilter(select);
  focusProblems();
  for (const form of document.querySelectorAll("form.case-form")) {
    applyConditions(form);
    form.addEventListener("change", () => applyConditions(form));
  }
});

// Times are shown in the reader's own time zone: tell the server which one it is, for the next page.
(function rememberTimeZone() {
  try {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone && !document.cookie.includes("palermo-tz=" + zone)) {
      const secure = location.protocol === "https:" ? "; Secure" : "";
      document.cookie = "palermo-tz=" + zone + "; path=/; max-age=31536000; SameSite=Lax" + secure;
    }
  } catch (e) {
    // An old browser without Intl: the server's time zone stays in use.
  }
})();
