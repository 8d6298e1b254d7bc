import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app";
import { loadConfig } from "./config";

const root = document.getElementById("root");
if (!root) throw new Error("no #root element");

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
