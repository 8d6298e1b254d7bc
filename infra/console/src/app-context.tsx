/** What every page needs: the settings, the API client, who is signed in, the language. */
import { createContext, useContext } from "react";
import type { Api, ClientContext } from "./api/client";
import type { Access, Session } from "./auth/session";
import type { ConsoleConfig } from "./config";
import type { Language, Messages } from "./i18n/messages";

export interface AppContext {
  readonly config: ConsoleConfig;
  readonly api: Api;
  readonly client: ClientContext;
  readonly session: Session | undefined;
  readonly signIn: (token: string, access?: Access) => void;
  readonly signOut: () => void;
  readonly language: Language;
  readonly setLanguage: (language: Language) => void;
  readonly t: Messages;
}

export const AppContextValue = createContext<AppContext | undefined>(undefined);

export function useApp(): AppContext {
  const context = useContext(AppContextValue);
  if (!context) throw new Error("useApp outside the console's provider");
  return context;
}

/** Pages behind sign-in: the session is there. */
export function useSession() {
  const app = useApp();
  if (!app.session) throw new Error("useSession before sign-in");
  return { ...app, session: app.session };
}
