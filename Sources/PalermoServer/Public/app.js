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

document.addEventListener("DOMContentLoaded", () => {
  focusProblems();
  for (const form of document.querySelectorAll("form.case-form")) {
    applyConditions(form);
    form.addEventListener("change", () => applyConditions(form));
  }
});
