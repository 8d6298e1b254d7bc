/**
 * The console: settings, API client, session and language for every page; antd in Chinese (or
 * English); hash routes, so the static files need no server-side routing.
 */
import { App as AntApp, ConfigProvider } from "antd";
import enUS from "antd/locale/en_US";
import zhCN from "antd/locale/zh_CN";
import dayjs from "dayjs";
import "dayjs/locale/zh-cn";
import { useMemo, useState } from "react";
import { createHashRouter, RouterProvider } from "react-router-dom";
import { type ClientContext, createApi } from "./api/client";
import { type AppContext, AppContextValue } from "./app-context";
import { type Session, sessionFromToken, storedSession, storeSession } from "./auth/session";
import type { ConsoleConfig } from "./config";
import { catalogs, type Language } from "./i18n/messages";
import { routes } from "./routes";

const languageKey = "haoshangliang.language";

function initialLanguage(): Language {
  return localStorage.getItem(languageKey) === "en" ? "en" : "zh-CN";
}

const router = createHashRouter(routes);

export function App({ config }: { config: ConsoleConfig }) {
  const [session, setSession] = useState<Session | undefined>(storedSession);
  const [language, setLanguageState] = useState<Language>(initialLanguage);

  const context = useMemo<AppContext>(() => {
    const client: ClientContext = {
      token: () => session?.token,
      language: () => language,
      onUnauthorized: () => {
        storeSession(undefined);
        setSession(undefined);
      },
    };
    return {
      config,
      client,
      api: createApi(config.apiBase, client),
      session,
      signIn: (token) => {
        const next = sessionFromToken(token);
        storeSession(next);
        setSession(next);
      },
      signOut: () => {
        storeSession(undefined);
        setSession(undefined);
      },
      language,
      setLanguage: (next) => {
        localStorage.setItem(languageKey, next);
        document.documentElement.lang = next;
        setLanguageState(next);
      },
      t: catalogs[language],
    };
  }, [config, session, language]);

  dayjs.locale(language === "en" ? "en" : "zh-cn");
  return (
    <ConfigProvider locale={language === "en" ? enUS : zhCN} theme={{ token: { colorPrimary: "#b71c1c" } }}>
      <AntApp>
        <AppContextValue.Provider value={context}>
          <RouterProvider router={router} />
        </AppContextValue.Provider>
      </AntApp>
    </ConfigProvider>
  );
}
