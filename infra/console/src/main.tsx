import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app";
import { storedSession } from "./auth/session";
import { loadConfig } from "./config";
import { preloadPageOf } from "./routes";

const root = document.getElementById("root");
if (!root) throw new Error("no #root element");

preloadPageOf(window.location.hash, storedSession() !== undefined);
loadConfig().then(
  (config) =>
    createRoot(root).render(
      <StrictMode>
        <App config={config} />
      </StrictMode>,
    ),
  (error: unknown) => {
    root.textContent = `配置读取失败 · Could not read config.json: ${error instanceof Error ? error.message : String(error)}`;
  },
);
