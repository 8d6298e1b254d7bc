/** 社情民意: a station's items (opinions/opinion-list.tsx). */
export { OpinionList as OpinionsPage } from "../opinions/opinion-list";
