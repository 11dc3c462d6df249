/* Swagger UI for /openapi.json, served from the npm package (no CDN). */
"use strict";

(function () {
  const box = document.getElementById("swagger-ui");
  if (typeof window.SwaggerUIBundle !== "function") {
    box.textContent = "Swagger UI is not installed (run `npm ci --prefix web-assets`); " +
      "the API description is still at /openapi.json.";
    return;
  }
  window.SwaggerUIBundle({ url: box.dataset.spec, domNode: box, deepLinking: false });
})();
