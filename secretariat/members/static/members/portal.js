// Highlight in a paper: select text in one section, and the note form gets the passage and the section.
// Without JavaScript the member pastes the passage into the form (the server checks it is in the section).
document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("note-form");
  if (!form) return;
  const quote = form.querySelector("[name=quote]");
  const section = form.querySelector("[name=section]");
  const take = () => {
    const sel = window.getSelection();
    if (!sel || sel.isCollapsed) return;
    const node = sel.anchorNode && (sel.anchorNode.nodeType === 1 ? sel.anchorNode : sel.anchorNode.parentElement);
    const part = node && node.closest(".paper-section");
    const text = sel.toString().trim();
    if (!part || !text || !part.contains(sel.focusNode)) return;
    quote.value = text;
    section.value = part.dataset.section;
  };
  document.addEventListener("mouseup", take);
  document.addEventListener("keyup", take);
  document.addEventListener("touchend", take);
});
