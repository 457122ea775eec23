// Follows a background job: polls the status URL of the [data-progress-url] element, shows the
// progress, and reloads the page for the result once the job is finished.
(() => {
  const panel = document.querySelector("[data-progress-url]");
  if (!panel) {
    return;
  }
  const bar = panel.querySelector("progress");
  const label = panel.querySelector("[data-progress-label]");
  const percent = panel.querySelector("[data-progress-percent]");

  const poll = async () => {
    try {
      const response = await fetch(panel.dataset.progressUrl, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      });
      if (response.ok) {
        const job = await response.json();
        if (job.finished) {
          window.location.reload();
          return;
        }
        bar.value = job.progress;
        bar.textContent = `${job.progress} %`;
        label.textContent = job.label;
        percent.textContent = job.progress;
      }
    } catch (error) {
      // A dropped connection is retried at the next tick.
    }
    window.setTimeout(poll, 1000);
  };
  window.setTimeout(poll, 1000);
})();
