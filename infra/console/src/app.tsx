/**
 * The console: settings, API client, session and language for every page; antd in Chinese (or
 * English); hash routes, so the static files need no server-side routing.
 */
import { theme as antTheme, ConfigProvider } from "antd";
import enUS from "antd/locale/en_US";
import zhCN from "antd/locale/zh_CN";
import { type ReactNode, useMemo, useState } from "react";
import { HashRouter, useRoutes } from "react-router-dom";
import { type ClientContext, createApi } from "./api/client";
import { type AppContext, AppContextValue } from "./app-context";
import { type Session, sessionOf, storedSession, storeSession } from "./auth/session";
import type { ConsoleConfig } from "./config";
import { catalogs, type Language } from "./i18n/messages";
import { routes } from "./routes";

const languageKey = "haoshangliang.language";

function initialLanguage(): Language {
  return localStorage.getItem(languageKey) === "en" ? "en" : "zh-CN";
}

/** The page the hash names. */
function Pages() {
  return useRoutes(routes);
}

/**
 * Ant Design's palette with text and link colours dark enough for WCAG AA contrast (4.5:1) on
 * white: its lighter greys (placeholders, empty lists, secondary text) and its blue link fall short.
 */
const muted = "rgba(0, 0, 0, 0.6)";
const theme = {
  token: {
    colorPrimary: "#b71c1c",
    colorLink: "#0958d9",
    colorInfo: "#0958d9",
    colorSuccess: "#237804",
    colorWarning: "#ad4e00",
    colorError: "#cf1322",
    colorTextTertiary: muted,
    colorTextQuaternary: muted,
    colorTextPlaceholder: muted,
    colorTextDisabled: muted,
    colorTextDescription: muted,
  },
};

/**
 * The type every page's text is set in: what antd's own `App` wrapper sets, without the message,
 * notification and modal hooks it brings (unused here, and about 20 KiB gzipped of the first load).
 */
function Typeface({ children }: { children: ReactNode }) {
  const { token } = antTheme.useToken();
  return (
    <div
      style={{
        color: token.colorText,
        fontSize: token.fontSize,
        lineHeight: token.lineHeight,
        fontFamily: token.fontFamily,
      }}
    >
      {children}
    </div>
  );
}

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
    const api = createApi(config.apiBase, client);
    return {
      config,
      client,
      api,
      session,
      signIn: async (token) => {
        const { data, error } = await api.GET("/me", { headers: { authorization: `Bearer ${token}` } });
        // 403: signed in, but the county office has not given this person a user record yet.
        if (!data) {
          const body = error as { error?: { message?: string }; message?: string } | undefined;
          throw new Error(body?.error?.message ?? body?.message ?? "GET /me failed");
        }
        const next = sessionOf(token, data);
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

  return (
    <ConfigProvider
      button={{ autoInsertSpace: false }}
      locale={language === "en" ? enUS : zhCN}
      theme={theme}
    >
      <Typeface>
        <AppContextValue.Provider value={context}>
          <HashRouter>
            <Pages />
          </HashRouter>
        </AppContextValue.Provider>
      </Typeface>
    </ConfigProvider>
  );
}
