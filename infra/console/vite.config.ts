/**
 * The console's build: static files (index.html, hashed assets, config.json) that the local gateway
 * serves at / and that an S3 bucket behind CloudFront serves on AWS. Relative asset paths, so the
 * same files work under any path.
 *
 * Chunks (decision 0023's addendum): every page is its own chunk (routes.tsx); the third-party code
 * the first page needs (React, the router, Ant Design's core and the frame's components) is one
 * `vendor` chunk, with React and the router apart in `react`, so that a deploy that changes only
 * the console's own code leaves the big files in the browser's cache.
 */
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export const consoleRoot = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  root: consoleRoot,
  base: "./",
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    chunkSizeWarningLimit: 2_000,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            {
              name: "react",
              test: /node_modules[\\/](react|react-dom|react-router|react-router-dom|scheduler)[\\/]/,
              priority: 2,
            },
            // Only what the entry loads at once: the pages' own components stay in their chunks.
            { name: "vendor", test: /node_modules[\\/]/, tags: ["$initial"], priority: 1 },
          ],
        },
      },
    },
  },
  server: { proxy: {} },
});
