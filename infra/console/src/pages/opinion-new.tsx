/** 登记社情民意 (opinions/opinion-new.tsx). */
export { OpinionNew as OpinionNewPage } from "../opinions/opinion-new";
