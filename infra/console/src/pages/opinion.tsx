/** A 社情民意 item's page (opinions/opinion-view.tsx). */
export { OpinionView as OpinionPage } from "../opinions/opinion-view";
