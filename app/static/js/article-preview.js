// The article editor's live preview: every form with data-preview-url posts its body
// (with the page's CSRF token) to that URL a moment after the writer stops typing, and
// shows the answer — the HTML the server renders and sanitises exactly as it does for
// the published page — in the element named by data-preview-target.
(function () {
  "use strict";
  const DELAY_MS = 400;

  function attach(form) {
    const url = form.dataset.previewUrl;
    const target = document.getElementById(form.dataset.previewTarget);
    // Fields are looked up by name within the form: a heading's id in the preview
    // can never stand in for them.
    const body = form.elements.namedItem("body");
    const token = form.elements.namedItem("csrf_token");
    if (!url || !target || !body || !token) {
      return;
    }
    let timer = null;
    let controller = null;
    let lastSent = null;

    function showError() {
      const message = document.createElement("p");
      message.className = "text-muted mb-0";
      message.textContent = target.dataset.previewError || "";
      target.replaceChildren(message);
    }

    async function refresh() {
      const text = body.value;
      if (text === lastSent) {
        return;
      }
      lastSent = text;
      if (controller) {
        controller.abort();
      }
      controller = new AbortController();
      const data = new FormData();
      data.append("csrf_token", token.value);
      data.append("body", text);
      target.setAttribute("aria-busy", "true");
      try {
        const response = await fetch(url, {
          method: "POST",
          body: data,
          credentials: "same-origin",
          headers: { "X-CSRFToken": token.value, Accept: "text/html" },
          signal: controller.signal,
        });
        // 422 answers a text that cannot be previewed (too long) with the reason.
        if (!response.ok && response.status !== 422) {
          lastSent = null;
          showError();
          return;
        }
        // Sanitised on the server by the same allowlist as every published article.
        target.innerHTML = await response.text();
      } catch (error) {
        if (error.name !== "AbortError") {
          lastSent = null;
          showError();
        }
      } finally {
        target.removeAttribute("aria-busy");
      }
    }

    body.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(refresh, DELAY_MS);
    });
    lastSent = body.value;
  }

  document.querySelectorAll("form[data-preview-url]").forEach(attach);
})();
