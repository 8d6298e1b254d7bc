/**
 * The console's build: static files (index.html, hashed assets, config.json) that the local gateway
 * serves at / and that an S3 bucket behind CloudFront serves on AWS. Relative asset paths, so the
 * same files work under any path.
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
  },
  server: { proxy: {} },
});
