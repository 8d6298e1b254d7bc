/** 登记活动 (activities/activity-new.tsx). */
export { ActivityNew as ActivityNewPage } from "../activities/activity-new";
