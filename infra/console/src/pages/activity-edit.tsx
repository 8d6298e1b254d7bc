/** 更正活动 (activities/activity-edit.tsx). */
export { ActivityEdit as ActivityEditPage } from "../activities/activity-edit";
