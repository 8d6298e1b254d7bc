/** The console's pages by hash path. */
import type { RouteObject } from "react-router-dom";
import { Shell } from "./layout";
import { ActivitiesPage } from "./pages/activities";
import { ActivityPage } from "./pages/activity";
import { ActivityEditPage } from "./pages/activity-edit";
import { ActivityNewPage } from "./pages/activity-new";
import { HomePage } from "./pages/home";
import { MemberPage } from "./pages/member";
import { MemberNewPage } from "./pages/member-new";
import { MembersPage } from "./pages/members";
import { NotFoundPage } from "./pages/not-found";
import { NotificationsPage } from "./pages/notifications";
import { OpinionPage } from "./pages/opinion";
import { OpinionNewPage } from "./pages/opinion-new";
import { OpinionsPage } from "./pages/opinions";
import { QuotaPage } from "./pages/quota";
import { SignInPage } from "./pages/sign-in";
import { StationPage } from "./pages/station";
import { StationNewPage } from "./pages/station-new";
import { StationsPage } from "./pages/stations";
import { TopicPage } from "./pages/topic";
import { TopicBoardPage } from "./pages/topic-board";
import { TopicNewPage } from "./pages/topic-new";
import { TopicsPage } from "./pages/topics";
import { UserPage } from "./pages/user";
import { UserNewPage } from "./pages/user-new";
import { UsersPage } from "./pages/users";

export const routes: RouteObject[] = [
  { path: "/sign-in", element: <SignInPage /> },
  {
    element: <Shell />,
    children: [
      { path: "/", element: <HomePage /> },
      { path: "/topics", element: <TopicsPage /> },
      { path: "/topics/board", element: <TopicBoardPage /> },
      { path: "/topics/new", element: <TopicNewPage /> },
      { path: "/topics/:topicId", element: <TopicPage /> },
      { path: "/stations", element: <StationsPage /> },
      { path: "/stations/new", element: <StationNewPage /> },
      { path: "/stations/:stationId", element: <StationPage /> },
      { path: "/members", element: <MembersPage /> },
      { path: "/members/new", element: <MemberNewPage /> },
      { path: "/members/:memberId", element: <MemberPage /> },
      { path: "/notifications", element: <NotificationsPage /> },
      { path: "/quota", element: <QuotaPage /> },
      { path: "/users", element: <UsersPage /> },
      { path: "/users/new", element: <UserNewPage /> },
      { path: "/users/:subject", element: <UserPage /> },
      { path: "*", element: <NotFoundPage /> },
      { path: "/activities", element: <ActivitiesPage /> },
      { path: "/activities/new", element: <ActivityNewPage /> },
      { path: "/activities/:activityId", element: <ActivityPage /> },
      { path: "/activities/:activityId/edit", element: <ActivityEditPage /> },
      { path: "/opinions", element: <OpinionsPage /> },
      { path: "/opinions/new", element: <OpinionNewPage /> },
      { path: "/opinions/:opinionId", element: <OpinionPage /> },
    ],
  },
];
