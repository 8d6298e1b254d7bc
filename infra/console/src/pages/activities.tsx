/** 4+X 活动: a station's activities (activities/activity-list.tsx). */
export { ActivityList as ActivitiesPage } from "../activities/activity-list";
