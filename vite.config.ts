import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  root: "src/web",
  plugins: [react()],
  build: {
    outDir: "../../dist/web",
    emptyOutDir: true,
    sourcemap: true,
    // The shell is React, i18next and the NL Design System components (about 160 kB gzipped; see BENCHMARKS.md).
    // The largest chunk is the survey library (survey-core with its React renderer, about 1.6 MB, 350 kB gzipped),
    // loaded only by the page where an organisation answers a survey.
    chunkSizeWarningLimit: 1700,
    // The benchmarks read it to weigh each page's JavaScript and CSS (bench/web.ts).
    manifest: true,
  },
  server: { proxy: { "/api": "http://127.0.0.1:3000" } },
});
