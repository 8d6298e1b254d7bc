/** The menu: one entry per section, shown to the roles that may use it. A new section is one entry here and its routes. */
import {
  AppstoreOutlined,
  BankOutlined,
  BellOutlined,
  CalendarOutlined,
  DashboardOutlined,
  FileTextOutlined,
  LineChartOutlined,
  MessageOutlined,
  TeamOutlined,
  TrophyOutlined,
  UserOutlined,
} from "@ant-design/icons";
import type { ReactNode } from "react";
import { can, type Session } from "./auth/session";
import type { Messages } from "./i18n/messages";

export interface Section {
  readonly path: string;
  readonly label: keyof Messages;
  readonly icon: ReactNode;
  readonly visible: (session: Session) => boolean;
}

const always = () => true;

export const sections: readonly Section[] = [
  { path: "/", label: "home", icon: <DashboardOutlined />, visible: always },
  { path: "/topics", label: "topics", icon: <FileTextOutlined />, visible: always },
  { path: "/topics/board", label: "topicBoard", icon: <AppstoreOutlined />, visible: always },
  { path: "/stations", label: "stations", icon: <BankOutlined />, visible: always },
  { path: "/activities", label: "activitiesMenu", icon: <CalendarOutlined />, visible: always },
  { path: "/opinions", label: "opinionsMenu", icon: <MessageOutlined />, visible: always },
  { path: "/members", label: "members", icon: <TeamOutlined />, visible: (s) => s.role !== "member" },
  { path: "/notifications", label: "notifications", icon: <BellOutlined />, visible: can.seeNotifications },
  { path: "/quota", label: "quota", icon: <LineChartOutlined />, visible: can.seeQuota },
  { path: "/evaluations", label: "evaluation", icon: <TrophyOutlined />, visible: can.seeEvaluations },
  { path: "/users", label: "users", icon: <UserOutlined />, visible: can.manageUsers },
];
