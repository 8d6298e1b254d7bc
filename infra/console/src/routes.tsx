/**
 * The console's pages by hash path. Each page is a chunk of its own, fetched the first time it is
 * shown (decision 0023's addendum on chunking): the first load carries React, the router, the frame
 * and the few Ant Design parts every page shares, not every page's forms and tables.
 */
import { type ComponentType, lazy, type ReactElement } from "react";
import { matchRoutes, type RouteObject } from "react-router-dom";
import { Shell } from "./layout";
import { PageFrame } from "./patterns/page-frame";

interface LazyPage {
  readonly element: ReactElement;
  /** Starts fetching the page's chunk (the same request the first render would make). */
  readonly preload: () => Promise<unknown>;
}

/** A page whose module is fetched on first render (or on `preload`). */
function page(load: () => Promise<ComponentType>): LazyPage {
  let loading: Promise<ComponentType> | undefined;
  const preload = () => {
    // A failed preload is forgotten, so that the render asks again.
    loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };
  const Page = lazy(() => preload().then((component) => ({ default: component })));
  return {
    element: (
      <PageFrame>
        <Page />
      </PageFrame>
    ),
    preload,
  };
}

const signIn = page(() => import("./pages/sign-in").then((m) => m.SignInPage));

const shellPages: Readonly<Record<string, LazyPage>> = {
  "/": page(() => import("./pages/home").then((m) => m.HomePage)),
  "/topics": page(() => import("./pages/topics").then((m) => m.TopicsPage)),
  "/topics/board": page(() => import("./pages/topic-board").then((m) => m.TopicBoardPage)),
  "/topics/new": page(() => import("./pages/topic-new").then((m) => m.TopicNewPage)),
  "/topics/:topicId": page(() => import("./pages/topic").then((m) => m.TopicPage)),
  "/stations": page(() => import("./pages/stations").then((m) => m.StationsPage)),
  "/stations/new": page(() => import("./pages/station-new").then((m) => m.StationNewPage)),
  "/stations/:stationId": page(() => import("./pages/station").then((m) => m.StationPage)),
  "/members": page(() => import("./pages/members").then((m) => m.MembersPage)),
  "/members/new": page(() => import("./pages/member-new").then((m) => m.MemberNewPage)),
  "/members/:memberId": page(() => import("./pages/member").then((m) => m.MemberPage)),
  "/notifications": page(() => import("./pages/notifications").then((m) => m.NotificationsPage)),
  "/quota": page(() => import("./pages/quota").then((m) => m.QuotaPage)),
  "/evaluations": page(() => import("./pages/evaluations").then((m) => m.EvaluationsPage)),
  "/users": page(() => import("./pages/users").then((m) => m.UsersPage)),
  "/users/new": page(() => import("./pages/user-new").then((m) => m.UserNewPage)),
  "/users/:subject": page(() => import("./pages/user").then((m) => m.UserPage)),
  "/activities": page(() => import("./pages/activities").then((m) => m.ActivitiesPage)),
  "/activities/new": page(() => import("./pages/activity-new").then((m) => m.ActivityNewPage)),
  "/activities/:activityId": page(() => import("./pages/activity").then((m) => m.ActivityPage)),
  "/activities/:activityId/edit": page(() => import("./pages/activity-edit").then((m) => m.ActivityEditPage)),
  "/opinions": page(() => import("./pages/opinions").then((m) => m.OpinionsPage)),
  "/opinions/new": page(() => import("./pages/opinion-new").then((m) => m.OpinionNewPage)),
  "/opinions/:opinionId": page(() => import("./pages/opinion").then((m) => m.OpinionPage)),
  "*": page(() => import("./pages/not-found").then((m) => m.NotFoundPage)),
};

export const routes: RouteObject[] = [
  { path: "/sign-in", element: signIn.element, handle: signIn },
  {
    element: <Shell />,
    children: Object.entries(shellPages).map(([path, lazyPage]) => ({
      path,
      element: lazyPage.element,
      handle: lazyPage,
    })),
  },
];

/**
 * Starts fetching the chunk of the page a hash names (`#/topics/…`) while config.json loads, so
 * the first page's code does not wait for the app to render; a signed-out visitor's is sign-in's.
 */
export function preloadPageOf(hash: string, signedIn: boolean): void {
  if (!signedIn) {
    signIn.preload().catch(() => {});
    return;
  }
  const path = hash.replace(/^#/, "").split("?")[0] || "/";
  for (const match of matchRoutes(routes, path) ?? []) {
    const handle = match.route.handle as LazyPage | undefined;
    handle?.preload().catch(() => {});
  }
}
