// Follows every background job shown on the page (templates/jobs/_job.html): polls its status
// URL, shows its state, progress and message, and when it has finished reloads the page, which
// then shows the result or the reason it failed; a panel with data-job-then="result" goes to the
// result instead. Polling also lets the server notice a job whose worker was lost.
(() => {
  // The panel brings this script along; with two panels on a page it is loaded twice.
  if (window.ekonomiJobsFollowed) {
    return;
  }
  window.ekonomiJobsFollowed = true;

  const follow = (panel) => {
    const bar = panel.querySelector("[data-job-progress]");
    const percent = panel.querySelector("[data-job-percent]");
    const state = panel.querySelector("[data-job-state]");
    const message = panel.querySelector("[data-job-message]");
    let delay = 1000;

    const finish = (job) => {
      if (job.state === "done" && job.result_url && panel.dataset.jobThen === "result") {
        window.location.assign(job.result_url);
      } else {
        window.location.reload();
      }
    };

    const show = (job) => {
      bar.value = job.progress;
      bar.textContent = `${job.progress} %`;
      percent.textContent = job.progress;
      state.textContent = job.state_label;
      if (message) {
        message.textContent = job.message;
      }
    };

    const poll = async () => {
      try {
        const response = await fetch(panel.dataset.jobStatusUrl, {
          headers: { Accept: "application/json" },
          credentials: "same-origin",
        });
        if (response.ok) {
          const job = await response.json();
          if (job.finished) {
            finish(job);
            return;
          }
          show(job);
        }
      } catch (error) {
        // A dropped connection is retried at the next tick.
      }
      // Quick at first, then gentler on the server for long jobs.
      delay = Math.min(delay * 1.5, 5000);
      window.setTimeout(poll, delay);
    };
    window.setTimeout(poll, delay);
  };

  document.querySelectorAll("[data-job-status-url]").forEach(follow);
})();
