/** An activity's page (activities/activity-view.tsx). */
export { ActivityView as ActivityPage } from "../activities/activity-view";
