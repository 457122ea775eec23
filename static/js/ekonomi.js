// Buttons with data-confirm ask before submitting (inline handlers are barred by the CSP).
document.addEventListener("submit", (event) => {
  const button = event.submitter;
  const text = button && button.dataset.confirm;
  if (text && !window.confirm(text)) {
    event.preventDefault();
  }
});
